// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) with one-time CPU dispatch.
//
// Invariants:
//   - ragops_crc32c(ragops_crc32c(0, a), b) == ragops_crc32c(0, a ++ b) for both paths;
//   - the hardware and table paths return identical values for every input;
//   - the dispatch pointer is set before main() runs and never changes afterwards.

#include "CEngineSupport.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>
#endif

static uint32_t table[8][256];

static void build_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    table[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = table[0][i];
    for (int t = 1; t < 8; t++) {
      c = table[0][c & 0xFF] ^ (c >> 8);
      table[t][i] = c;
    }
  }
}

static uint32_t crc32c_table(uint32_t crc, const void *bytes, size_t length) {
  const uint8_t *p = (const uint8_t *)bytes;
  uint32_t c = ~crc;
  while (length >= 8) {
    uint64_t word;
    memcpy(&word, p, 8);
    word ^= c;
    c = table[7][word & 0xFF] ^ table[6][(word >> 8) & 0xFF] ^ table[5][(word >> 16) & 0xFF] ^
        table[4][(word >> 24) & 0xFF] ^ table[3][(word >> 32) & 0xFF] ^
        table[2][(word >> 40) & 0xFF] ^ table[1][(word >> 48) & 0xFF] ^ table[0][word >> 56];
    p += 8;
    length -= 8;
  }
  while (length--) c = table[0][(c ^ *p++) & 0xFF] ^ (c >> 8);
  return ~c;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2")))
static uint32_t crc32c_hardware(uint32_t crc, const void *bytes, size_t length) {
  const uint8_t *p = (const uint8_t *)bytes;
  uint64_t c = ~crc;
  while (length && ((uintptr_t)p & 7)) {
    c = _mm_crc32_u8((uint32_t)c, *p++);
    length--;
  }
  while (length >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    c = _mm_crc32_u64(c, w);
    p += 8;
    length -= 8;
  }
  while (length--) c = _mm_crc32_u8((uint32_t)c, *p++);
  return ~(uint32_t)c;
}
#endif

static uint32_t (*crc32c_impl)(uint32_t, const void *, size_t) = crc32c_table;
static int crc32c_hw = 0;

__attribute__((constructor)) static void crc32c_init(void) {
  build_table();
#if defined(__x86_64__)
  unsigned int eax, ebx, ecx, edx;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_SSE4_2)) {
    crc32c_impl = crc32c_hardware;
    crc32c_hw = 1;
  }
#endif
}

uint32_t ragops_crc32c(uint32_t crc, const void *bytes, size_t length) {
  return crc32c_impl(crc, bytes, length);
}

int ragops_crc32c_is_hardware(void) { return crc32c_hw; }
