/* A test aid: holds a file open the way Word or Excel does (no one else may write, rename or delete it)
 * until a second file appears or the time is up, so that saving over it can be tried under Wine.
 *
 *   hold.exe FILE READY_FILE STOP_FILE SECONDS [alone]
 *
 * Writes READY_FILE once FILE is held; lets go when STOP_FILE exists or after SECONDS. With `alone`, no one
 * else may even read it (a program that opens its files exclusively). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 5 && !(argc == 6 && strcmp(argv[5], "alone") == 0)) {
        fprintf(stderr, "usage: hold FILE READY_FILE STOP_FILE SECONDS [alone]\n");
        return 2;
    }
    DWORD share = argc == 6 ? 0 : FILE_SHARE_READ;
    HANDLE held = CreateFileA(argv[1], GENERIC_READ | GENERIC_WRITE, share, NULL, OPEN_EXISTING,
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
