"""The Windows exe carries its icon and version information (what Explorer shows in Properties → Details),
read by pefile, a reader of Windows executables we did not write.

    python3 tests/wine/resources.py TARGET/windows/transcript-editor.exe VERSION
"""

import sys

import pefile


def main() -> int:
    path, version = sys.argv[1], sys.argv[2]
    pe = pefile.PE(path)
    failures = []

    if pe.OPTIONAL_HEADER.Subsystem != pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_GUI"]:
        failures.append(f"a window program (GUI subsystem) opens no console: subsystem {pe.OPTIONAL_HEADER.Subsystem}")

    strings = {}
    for info in getattr(pe, "FileInfo", []) or []:
        for entry in info:
            for table in getattr(entry, "StringTable", []) or []:
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    expected = {
        "ProductName": "Transcript Editor",
        "FileDescription": "Transcript Editor",
        "FileVersion": version,
        "ProductVersion": version,
        "OriginalFilename": "transcript-editor.exe",
    }
    for key, value in expected.items():
        if strings.get(key) != value:
            failures.append(f"version information {key}: {strings.get(key)!r}, expected {value!r}")
    fixed = pe.VS_FIXEDFILEINFO[0] if getattr(pe, "VS_FIXEDFILEINFO", None) else None
    numbers = [int(n) for n in version.split(".")] + [0]
    if fixed is None or (fixed.FileVersionMS >> 16, fixed.FileVersionMS & 0xFFFF, fixed.FileVersionLS >> 16) != tuple(
        numbers[:3]
    ):
        failures.append("the fixed file version is not the package's")

    sizes = []
    for kind in pe.DIRECTORY_ENTRY_RESOURCE.entries:
        if kind.id == pefile.RESOURCE_TYPE["RT_GROUP_ICON"]:
            for name in kind.directory.entries:
                for language in name.directory.entries:
                    data = pe.get_data(language.data.struct.OffsetToData, language.data.struct.Size)
                    count = int.from_bytes(data[4:6], "little")
                    for i in range(count):
                        width = data[6 + 14 * i]
                        sizes.append(width or 256)
    if sorted(sizes) != [16, 32, 48, 64, 128, 256]:
        failures.append(f"the icon's sizes: {sorted(sizes)}, expected 16 to 256")

    for failure in failures:
        print(f"resources: FAILED: {failure}", file=sys.stderr)
    if failures:
        return 1
    print(
        f"resources: ok: a window program with the icon ({', '.join(map(str, sorted(sizes)))} px) and version "
        f"{strings['FileVersion']} ({strings['ProductName']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
