/* A test aid: holds a file open the way Word or Excel does (no one else may write, rename or delete it)
 * until a second file appears or the time is up, so that saving over it can be tried under Wine.
 *
 *   hold.exe FILE READY_FILE STOP_FILE SECONDS
 *
 * Writes READY_FILE once FILE is held; lets go when STOP_FILE exists or after SECONDS. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: hold FILE READY_FILE STOP_FILE SECONDS\n");
        return 2;
    }
    HANDLE held = CreateFileA(argv[1], GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (held == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold: cannot open %s (error %lu)\n", argv[1], GetLastError());
        return 1;
    }
    HANDLE ready = CreateFileA(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (ready == INVALID_HANDLE_VALUE) return 1;
    CloseHandle(ready);
    int tenths = atoi(argv[4]) * 10;
    for (int i = 0; i < tenths; i++) {
        if (GetFileAttributesA(argv[3]) != INVALID_FILE_ATTRIBUTES) break;
        Sleep(100);
    }
    CloseHandle(held);
    return 0;
}
