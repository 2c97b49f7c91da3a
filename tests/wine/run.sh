#!/usr/bin/env bash
# The Windows build, proven under Wine beside the Linux build (run by .ci/run):
#
#   tests/wine/run.sh LINUX_BIN WINDOWS_EXE INSTALLER
#
# 1. The command line (convert, info, check, edit, spell, compare) on the sample and the fixtures: the
#    Windows exe's output, messages, exit status and written files equal the Linux build's, byte for byte.
# 2. What Windows does its own way: paths with drive letters and backslashes in messages, CRLF files kept
#    CRLF, a file another program holds open refused in words (the original intact, nothing left behind),
#    a read-only file refused and, with --force, replaced and still read-only.
# 3. Speed: converting 1,000,000 words takes the Windows exe at most twice the Linux build's time.
# 4. The window starts in a virtual display, opens the sample, marks a turn reviewed and saves; the settings
#    go to %APPDATA%; a screenshot is left in $WINE_SHOT (default: TARGET/windows/window-under-wine.png).
# 5. The installer installs silently (/S) into Program Files with its Start menu entry and "Open with"
#    entries, the installed exe runs, and the uninstaller removes all of it.
#
# Needs wine (Debian: wine wine64), MinGW's gcc (gcc-mingw-w64-x86-64), Xvfb, xdotool, ffmpeg, and Dutch
# Hunspell dictionaries (hunspell-nl) for spell. WINE_PARTS="4 5" runs only those parts. Wine 8 lacks bcryptprimitives.dll, which Rust programs
# call at start: tests/wine/bcryptprimitives.c stands in for it in the test prefix (a test aid, not shipped).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

(($# == 3)) || { sed -n '2,20p' "$0"; exit 2; }
linux=$(realpath "$1")
exe=$(realpath "$2")
installer=$(realpath "$3")
shot=${WINE_SHOT:-$(dirname "$exe")/window-under-wine.png}

work=$(mktemp -d)
xvfb=""
cleanup() {
  wineserver -k 2>/dev/null || true
  [[ -n $xvfb ]] && kill "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
fail() {
  echo "wine: FAILED: $*" >&2
  failures=$((failures + 1))
}
pass() { echo "wine: ok: $*"; }

export WINEDEBUG=-all
export WINEPREFIX="$work/prefix"
# No offer to install Mono or Gecko into the new prefix.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY
echo "wine: a new prefix ($(wine --version))"
wineboot --init >/dev/null 2>&1 || true
wineserver -w
system32="$WINEPREFIX/drive_c/windows/system32"
x86_64-w64-mingw32-gcc -shared -O2 -o "$system32/bcryptprimitives.dll" tests/wine/bcryptprimitives.c -ladvapi32
hold="$work/hold.exe"
x86_64-w64-mingw32-gcc -O2 -o "$hold" tests/wine/hold.c

parts=" ${WINE_PARTS:-1 2 3 4 5} "
part() { [[ $parts == *" $1 "* ]]; }

# Two copies of the same inputs; each command runs in both with the same relative paths.
for side in linux windows; do
  mkdir -p "$work/$side/in/dicts" "$work/$side/out"
  cp assets/sample.txt tests/fixtures/* "$work/$side/in/"
  cp /usr/share/hunspell/nl.aff /usr/share/hunspell/nl.dic "$work/$side/in/dicts/"
  printf 'Joëlle\nBram\nSjoerd\n' >"$work/$side/in/glossary.txt"
  # A Windows user's file: CRLF line ends.
  printf '1\r\n00:00:01,000 --> 00:00:03,500\r\nSPEAKER_00: Goedemorgen, welkom bij de vergadering.\r\n\r\n2\r\n00:00:04,000 --> 00:00:05,000\r\nSPEAKER_01: Ja.\r\n' \
    >"$work/$side/in/windows.srt"
done

# 1. Byte for byte ----------------------------------------------------------------------------------------
if part 1; then
cases=0
# ELAN files carry the time they were written: the same for both builds.
export SOURCE_DATE_EPOCH=1764806400
same() {
  local name=$1
  shift
  cases=$((cases + 1))
  (cd "$work/linux" && set +e && "$linux" "$@" >"out/$name.stdout" 2>"out/$name.stderr" <"${stdin:-/dev/null}"
    echo $? >"out/$name.status")
  (cd "$work/windows" && set +e && wine "$exe" "$@" >"out/$name.stdout" 2>"out/$name.stderr" <"${stdin:-/dev/null}"
    echo $? >"out/$name.status")
  local diverge=""
  for part in stdout stderr status; do
    cmp -s "$work/linux/out/$name.$part" "$work/windows/out/$name.$part" || diverge+=" $part"
  done
  if [[ -n $diverge ]]; then
    fail "$name ($*): the$diverge differ"
    diff <(cat "$work/linux/out/$name".{status,stdout,stderr}) <(cat "$work/windows/out/$name".{status,stdout,stderr}) | head -n 20 >&2 || true
  fi
}

for to in json vtt srt ass sbv md docx eaf TextGrid ttml cha txt; do
  same "sample-$to" convert in/sample.txt "out/sample.$to"
done
same captions-srt convert in/whisperx.json out/whisperx-captions.srt --captions
same captions-vtt convert in/deepgram.json out/deepgram-captions.vtt --captions --names voice
for fixture in whisperx.json deepgram.json amazon-transcribe.json aegisub.ass youtube-auto.vtt zoom.vtt messy.srt \
  interview.eaf short.TextGrid interview.trs gesprek.cha colleague.docx podcast.md otter.txt studio.sbv \
  broadcast.ttml interview-zh.txt windows.srt; do
  same "info-$fixture" info "in/$fixture"
  same "check-$fixture" check "in/$fixture"
  same "json-$fixture" convert "in/$fixture" "out/$fixture.json"
done
same check-captions check --captions in/messy.srt
same check-captions-ours check --captions out/whisperx-captions.srt
stdin="$root/tests/fixtures/messy.srt" same stdin-to-stdout convert - - --from srt --to vtt
same edit-aliases edit in/sample.txt --merge-aliases -o out/merged.json
same edit-chinese edit in/interview-zh.txt --rename 访谈者=记者 -o out/interview-zh.txt
same convert-japanese convert in/taidan-ja.txt out/taidan-ja.md
same edit-rename edit in/windows.srt --rename SPEAKER_00=Mia --rename SPEAKER_01=Hakar -o out/renamed.srt
same edit-replace edit in/sample.txt --replace 'roof=rooftop' -o out/replaced.txt
same edit-shift edit in/sample.txt --shift=-0.5 --from-turn 3 -o out/shifted.vtt
same edit-sync edit in/sample.txt --sync 2=0:20 --sync 10=1:50 -o out/synced.srt
same spell spell in/gesprek.cha --lang nl --dictionaries in/dicts
same spell-json spell in/windows.srt --lang nl --dictionaries in/dicts --glossary in/glossary.txt --json
same compare compare in/sample.txt out/replaced.txt
same compare-json compare in/sample.txt out/merged.json --json
same missing-file info in/not-here.srt
same missing-folder convert in/sample.txt out/no/such/folder.json
same bad-json check in/sample.txt --from json
same unknown-format convert in/sample.txt out/sample.xyz
# The written files, every one.
if diff -r "$work/linux" "$work/windows" >"$work/tree.diff"; then
  pass "$cases commands: output, messages, exit status and $(find "$work/linux/out" -type f | wc -l) written files equal the Linux build's byte for byte"
else
  fail "the written files differ:"
  head -n 20 "$work/tree.diff" >&2
fi

fi

# 2. Windows' own ways -------------------------------------------------------------------------------------
if part 2; then
cd "$work/windows"
win() { wine "$exe" "$@"; }

full=$(winepath -w "$work/windows/in/not-here.srt")
message=$(win info "$full" 2>&1 || true)
[[ $message == "error: $full: cannot read the file: there is no such file" ]] &&
  [[ $full == [A-Z]:\\* ]] &&
  pass "a Windows path in a message: $message" || fail "a Windows path in a message: $message"

win edit in/windows.srt --rename SPEAKER_00=Mia -o out/crlf.srt >/dev/null
if [[ $(grep -c $'\r$' out/crlf.srt) -gt 0 && $(grep -c $'\r$' out/crlf.srt) == $(wc -l <out/crlf.srt) ]]; then
  pass "a CRLF file edited keeps CRLF ($(wc -l <out/crlf.srt) lines)"
else
  fail "a CRLF file edited keeps CRLF"
fi

# A file held open as Word holds a document: saving over it is refused in words, nothing is lost or left.
cp in/windows.srt held.srt
before=$(sha256sum <held.srt)
wine "$hold" held.srt ready stop 60 &
for _ in $(seq 300); do [[ -e ready ]] && break; sleep 0.1; done
message=$(win edit held.srt --rename SPEAKER_00=Mia -o held.srt 2>&1) && status=0 || status=$?
touch stop
wineserver -w
if [[ $status == 1 && $message == *"cannot save held.srt: It is open in another program, which keeps it locked; close it there"* &&
  $(sha256sum <held.srt) == "$before" && -z $(find . -maxdepth 1 -name '.held.srt*') ]]; then
  pass "a file another program holds open: $message"
else
  fail "a file another program holds open (status $status): $message; $(ls -a)"
fi
win edit held.srt --rename SPEAKER_00=Mia -o held.srt >/dev/null && grep -q "^Mia: " held.srt &&
  pass "the same file, let go, is saved" || fail "the same file, let go, is saved"

# A file a program keeps to itself cannot even be read: opening it says so.
rm -f ready stop
wine "$hold" held.srt ready stop 60 alone &
for _ in $(seq 300); do [[ -e ready ]] && break; sleep 0.1; done
message=$(win info held.srt 2>&1) && status=0 || status=$?
touch stop
wineserver -w
[[ $status == 1 && $message == "error: held.srt: cannot read the file: it is open in another program, which keeps it locked; close it there and open it again" ]] &&
  pass "a file another program keeps to itself: $message" || fail "a file another program keeps to itself (status $status): $message"

cp in/windows.srt locked.srt
wine cmd /c attrib +r locked.srt
message=$(win edit locked.srt --rename SPEAKER_00=Mia -o locked.srt 2>&1) && status=0 || status=$?
[[ $status == 1 && $message == *"locked.srt is read-only"*"add --force"* ]] &&
  pass "a read-only file is refused: $message" || fail "a read-only file is refused: $message"
win edit locked.srt --rename SPEAKER_00=Mia -o locked.srt --force >/dev/null
attributes=$(wine cmd /c attrib locked.srt | tr -d '\r')
if grep -q "^Mia: " locked.srt && [[ ${attributes:0:12} == *R* ]]; then
  pass "with --force it is replaced and stays read-only ($attributes)"
else
  fail "with --force it is replaced and stays read-only ($attributes)"
fi
cd "$root"
fi

# 3. Speed -------------------------------------------------------------------------------------------------
if part 3; then
"$linux" generate -o "$work/million.json" --words 1000000 >/dev/null
best() {
  local best_ms=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    local ms=$(((end - start) / 1000000))
    [[ -z $best_ms || $ms -lt $best_ms ]] && best_ms=$ms
  done
  echo "$best_ms"
}
# Each program's start alone (Wine's loader and server take about 0.1 s, 0.7 s cold), so that the ratio is
# the conversion's: the core's speed, which is what the Windows build could lose.
linux_start=$(best "$linux" --version)
windows_start=$(best wine "$exe" --version)
linux_ms=$(best "$linux" convert "$work/million.json" "$work/million-linux.srt")
windows_ms=$(best wine "$exe" convert "$work/million.json" "$work/million-windows.srt")
ratio=$(awk -v w="$((windows_ms - windows_start))" -v l="$((linux_ms - linux_start))" 'BEGIN { printf "%.2f", w / (l > 0 ? l : 1) }')
whole=$(awk -v w="$windows_ms" -v l="$linux_ms" 'BEGIN { printf "%.2f", w / l }')
cmp -s "$work/million-linux.srt" "$work/million-windows.srt" || fail "1,000,000 words: the two SRT files differ"
figures="Linux ${linux_ms} ms (start ${linux_start} ms), Windows under Wine ${windows_ms} ms (start ${windows_start} ms): ${ratio}× without the starts, ${whole}× with them"
if awk -v r="$ratio" 'BEGIN { exit !(r <= 2.0) }'; then
  pass "1,000,000 words to SRT: $figures"
else
  fail "1,000,000 words to SRT: $figures (more than 2×)"
fi
fi

# 4. The window ----------------------------------------------------------------------------------------------
if part 4; then
# Wine's processes so far ran without a display, and its desktop process with them: a new start, with one.
wineserver -k 2>/dev/null || true
wineserver -w
d=70
while [[ -e /tmp/.X$d-lock ]]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=":$d"
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
mkdir -p "$work/window"
"$linux" convert assets/sample.txt "$work/window/sample.json"
(cd "$work/window" && exec wine "$exe" sample.json >"$work/window.log" 2>&1) &
app=$!
win=""
for _ in $(seq 600); do
  win=$(xdotool search --onlyvisible --name "sample" 2>/dev/null | tail -n 1 || true)
  [[ -n $win ]] && break
  kill -0 "$app" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $win ]]; then
  windows=$(xdotool search --name . 2>/dev/null | while read -r w; do xdotool getwindowname "$w"; done | sort -u | tr '\n' ';')
  running=$(kill -0 "$app" 2>/dev/null && echo "still running" || echo "ended")
  fail "the window did not appear within 60 s (the editor $running; windows: $windows): $(tail -n 5 "$work/window.log")"
else
  sleep 3 # the first frames
  xdotool windowfocus --sync "$win" 2>/dev/null || true
  xdotool key --clearmodifiers ctrl+m
  # Unsaved work is kept in a recovery snapshot in %LOCALAPPDATA% about 2 s after the change.
  snapshot=""
  for _ in $(seq 100); do
    snapshot=$(find "$WINEPREFIX/drive_c/users" -path '*/AppData/Local/transcript-editor/transcript-editor/data/recovery/*.json' 2>/dev/null | head -n 1)
    [[ -n $snapshot ]] && break
    sleep 0.1
  done
  [[ -n $snapshot ]] && pass "unsaved work has a recovery snapshot in %LOCALAPPDATA% (…${snapshot#*drive_c})" ||
    fail "no recovery snapshot in %LOCALAPPDATA% within 10 s of the change"
  xdotool key --clearmodifiers ctrl+s
  for _ in $(seq 100); do grep -q '"reviewed": true' "$work/window/sample.json" && break; sleep 0.1; done
  sleep 1
  ffmpeg -loglevel error -y -f x11grab -video_size 1280x900 -i ":$d" -frames:v 1 "$shot"
  if "$linux" info "$work/window/sample.json" | grep -q "^reviewed: 1/"; then
    pass "the window opened the sample, marked turn 1 reviewed and saved it (screenshot: $shot)"
  else
    fail "the window did not save the reviewed turn"
  fi
  xdotool key --clearmodifiers ctrl+q
  for _ in $(seq 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  kill "$app" 2>/dev/null || true
  settings=$(find "$WINEPREFIX/drive_c/users" -path '*/AppData/Roaming/transcript-editor/transcript-editor/config/settings.json' | head -n 1)
  recent=$(grep -A1 '"recent"' "$settings" 2>/dev/null | tail -n 1 | tr -d ' ')
  if [[ $recent == '"'[A-Z]':\\'*'sample.json"' ]]; then
    pass "the settings are in %APPDATA% (…${settings#*drive_c}), the recent file as a user writes it: $recent"
  else
    fail "the settings in %APPDATA% with the recent file: ${settings:-none}: $recent"
  fi
fi
wineserver -k 2>/dev/null || true
kill "$xvfb" 2>/dev/null || true
xvfb=""
unset DISPLAY
fi

# 5. The installer -----------------------------------------------------------------------------------------
if part 5; then
wine "$installer" /S
wineserver -w
program="$WINEPREFIX/drive_c/Program Files/Transcript Editor"
menu="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Transcript Editor.lnk"
version=$(wine "$program/transcript-editor.exe" --version 2>&1 || true)
open_with=""
for ext in .srt .vtt .json; do
  open_with+="$ext: $(wine reg query "HKLM\\Software\\Classes\\$ext\\OpenWithProgids" 2>/dev/null | tr -d '\r' | grep -o 'TranscriptEditor.Transcript' || true); "
done
command=$(wine reg query 'HKLM\Software\Classes\TranscriptEditor.Transcript\shell\open\command' 2>/dev/null | tr -d '\r' || true)
if [[ $version == "transcript-editor $("$linux" --version | cut -d' ' -f2)" && -e $menu && -e "$program/sample.txt" &&
  $open_with == ".srt: TranscriptEditor.Transcript; .vtt: TranscriptEditor.Transcript; .json: TranscriptEditor.Transcript; " && $command == *'Transcript Editor\transcript-editor.exe" "%1"'* ]]; then
  pass "the installer put the editor into Program Files ($version), the Start menu and Open with for .srt, .vtt and .json"
else
  fail "the installer: version '$version', menu entry $([[ -e $menu ]] && echo present || echo missing), Open with '$open_with', command '$command'"
fi
wine "$program/uninstall.exe" /S
wineserver -w
# The uninstaller runs from a copy of itself in the temporary folder: wait until the folder is gone.
for _ in $(seq 100); do [[ -e $program ]] || break; sleep 0.1; done
left=$(wine reg query 'HKLM\Software\Classes\TranscriptEditor.Transcript' >/dev/null 2>&1 && echo "the file type" || true)
for ext in .srt .vtt .json; do
  wine reg query "HKLM\\Software\\Classes\\$ext\\OpenWithProgids" 2>/dev/null | grep -q TranscriptEditor && left+=" Open with for $ext"
done
if [[ ! -e $program && ! -e $menu && -z $left ]]; then
  pass "the uninstaller removed the program, its menu entry, its file type and its Open with entries"
else
  fail "the uninstaller left: $([[ -e $program ]] && ls "$program") $([[ -e $menu ]] && echo 'the menu entry') $left"
fi

fi

if ((failures)); then
  echo "wine: $failures checks failed" >&2
  exit 1
fi
echo "wine: every check passed"
