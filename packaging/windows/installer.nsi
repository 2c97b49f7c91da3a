; The Windows installer, built on Linux by scripts/build-windows.sh with NSIS's makensis:
;   makensis -DVERSION=0.1.0 -DEXE=path/to/transcript-editor.exe -DOUT=path/to/setup.exe installer.nsi
; Installs into Program Files, adds a Start menu entry with the icon, offers the editor in Explorer's
; "Open with" for .srt, .vtt and .json (the editor's own transcripts) without taking those types from the
; program that has them, and registers an uninstaller (Settings → Apps). /S installs silently.

; A 64-bit installer: it runs where the 64-bit editor does, and sees the 64-bit registry and Program Files.
Target amd64-unicode
!include "MUI2.nsh"

!ifndef VERSION
  !error "give the version: -DVERSION=0.1.0"
!endif
!ifndef EXE
  !error "give the exe: -DEXE=target/x86_64-pc-windows-gnu/release/transcript-editor.exe"
!endif
!ifndef OUT
  !define OUT "transcript-editor-${VERSION}-setup.exe"
!endif

!define NAME "Transcript Editor"
!define PROGID "TranscriptEditor.Transcript"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\TranscriptEditor"
!define APP_KEY "Software\Classes\Applications\transcript-editor.exe"

Name "${NAME} ${VERSION}"
OutFile "${OUT}"
InstallDir "$PROGRAMFILES64\${NAME}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ManifestDPIAware true

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${NAME}"
VIAddVersionKey "FileDescription" "${NAME} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "CompanyName" "The Transcript Editor developers"
VIAddVersionKey "LegalCopyright" "The Transcript Editor developers; MIT or Apache-2.0"

!define MUI_ICON "..\..\assets\icon\transcript-editor.ico"
!define MUI_UNICON "..\..\assets\icon\transcript-editor.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\transcript-editor.exe"
!define MUI_FINISHPAGE_RUN_PARAMETERS "$\"$INSTDIR\sample.txt$\""
!define MUI_FINISHPAGE_RUN_TEXT "Open the sample transcript"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Offers the editor for a file type in "Open with", beside whatever program opens it now.
!macro OpenWith EXT
  WriteRegStr HKLM "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKLM "${APP_KEY}\SupportedTypes" "${EXT}" ""
!macroend
!macro NoLongerOpenWith EXT
  DeleteRegValue HKLM "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKLM "Software\Classes\${EXT}\OpenWithProgids"
!macroend

Section "Install"
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "/oname=transcript-editor.exe" "${EXE}"
  File "/oname=transcript-editor.ico" "..\..\assets\icon\transcript-editor.ico"
  File "/oname=README.md" "..\..\README.md"
  File "/oname=sample.txt" "..\..\assets\sample.txt"
  File "/oname=sample.mp3" "..\..\assets\sample.mp3"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\transcript-editor.exe" "" "$INSTDIR\transcript-editor.exe" 0

  ; What opens a transcript: the editor, with its icon.
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "Transcript"
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\transcript-editor.exe",0'
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\transcript-editor.exe" "%1"'
  WriteRegStr HKLM "${APP_KEY}" "FriendlyAppName" "${NAME}"
  WriteRegStr HKLM "${APP_KEY}\shell\open\command" "" '"$INSTDIR\transcript-editor.exe" "%1"'
  !insertmacro OpenWith ".srt"
  !insertmacro OpenWith ".vtt"
  !insertmacro OpenWith ".json"

  ; Settings → Apps.
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "The Transcript Editor developers"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\transcript-editor.exe",0'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1

  ; Explorer reads the associations again.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$SMPROGRAMS\${NAME}.lnk"
  !insertmacro NoLongerOpenWith ".srt"
  !insertmacro NoLongerOpenWith ".vtt"
  !insertmacro NoLongerOpenWith ".json"
  DeleteRegKey HKLM "Software\Classes\${PROGID}"
  DeleteRegKey HKLM "${APP_KEY}"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  Delete "$INSTDIR\transcript-editor.exe"
  Delete "$INSTDIR\transcript-editor.ico"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\sample.txt"
  Delete "$INSTDIR\sample.mp3"
  Delete "$INSTDIR\uninstall.exe"
  ; Only if nothing else was put there: the user's own files are never removed.
  RMDir "$INSTDIR"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
