/* A test aid, never shipped: Wine 8 has no bcryptprimitives.dll, whose ProcessPrng Rust's standard library
 * calls when a program starts (Windows 10 and later have it). Beside the exe under test, this DLL gives
 * ProcessPrng from the older RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 *
 * x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
