// SHA-256 as specified in FIPS 180-4 (§4.1.2 functions, §4.2.2 constants, §5.1.1 padding,
// §6.2.2 computation), written from the standard.
//
// Long inputs are compressed many blocks per call (`compress_blocks`), so the SHA-extension
// path keeps the state in registers from one block to the next instead of reloading and
// reshuffling it for every 64 bytes.
//
// Invariants:
//   - 0 <= ctx->buffered < 64; ctx->buffer[0..buffered) holds the bytes not yet compressed;
//   - ctx->length counts every byte passed to update (mod 2^64), so the bit length in the
//     padding is length * 8 (messages shorter than 2^61 bytes, as the standard allows);
//   - update may be called any number of times with any split; the digest only depends on
//     the concatenation of the inputs.

#include "CEngineSupport.h"

#include <string.h>

static const uint32_t round_constants[64] = {
  0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u,
  0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu,
  0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu,
  0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
  0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
  0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
  0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u,
  0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
  0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u,
  0xc67178f2u,
};

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void compress_portable(uint32_t state[8], const uint8_t block[64]) {
  uint32_t w[64];
  for (int t = 0; t < 16; t++) {
    w[t] = ((uint32_t)block[4 * t] << 24) | ((uint32_t)block[4 * t + 1] << 16) |
           ((uint32_t)block[4 * t + 2] << 8) | (uint32_t)block[4 * t + 3];
  }
  for (int t = 16; t < 64; t++) {
    uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int t = 0; t < 64; t++) {
    uint32_t big_sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    uint32_t choose = (e & f) ^ (~e & g);
    uint32_t t1 = h + big_sigma1 + choose + round_constants[t] + w[t];
    uint32_t big_sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = big_sigma0 + majority;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d;
  state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

// One 64-byte block with the SHA extensions (SHA-NI). The state is kept as the two lane
// groups the instructions use: ABEF and CDGH. The message schedule for words 16..63 is
// W[t..t+3] = msg2(msg1(W[t-16..], W[t-12..]) + W[t-7..t-4], W[t-4..]).
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_shani(uint32_t state[8], const uint8_t block[64]) {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
  __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
  __m128i cdab = _mm_shuffle_epi32(abcd, 0xB1);
  __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
  __m128i state0 = _mm_alignr_epi8(cdab, hgfe, 8);      // ABEF
  __m128i state1 = _mm_blend_epi16(hgfe, cdab, 0xF0);   // CDGH
  const __m128i save0 = state0, save1 = state1;
  __m128i words[4];
  for (int group = 0; group < 16; group++) {
    __m128i w;
    if (group < 4) {
      w = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16 * group)), byte_swap);
    } else {
      __m128i t = _mm_sha256msg1_epu32(words[group & 3], words[(group + 1) & 3]);
      t = _mm_add_epi32(t, _mm_alignr_epi8(words[(group + 3) & 3], words[(group + 2) & 3], 4));
      w = _mm_sha256msg2_epu32(t, words[(group + 3) & 3]);
    }
    words[group & 3] = w;
    __m128i message = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)&round_constants[4 * group]));
    state1 = _mm_sha256rnds2_epu32(state1, state0, message);
    message = _mm_shuffle_epi32(message, 0x0E);
    state0 = _mm_sha256rnds2_epu32(state0, state1, message);
  }
  state0 = _mm_add_epi32(state0, save0);
  state1 = _mm_add_epi32(state1, save1);
  __m128i feba = _mm_shuffle_epi32(state0, 0x1B);
  __m128i dchg = _mm_shuffle_epi32(state1, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));  // ABCD
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));     // EFGH
}


// The rounds of one group of four message words: two `sha256rnds2`, each doing two rounds.
#define SHANI_ROUNDS(group, words)                                                           \
  do {                                                                                       \
    __m128i message = _mm_add_epi32(                                                         \
        (words), _mm_loadu_si128((const __m128i *)&round_constants[4 * (group)]));           \
    state1 = _mm_sha256rnds2_epu32(state1, state0, message);                                 \
    message = _mm_shuffle_epi32(message, 0x0E);                                              \
    state0 = _mm_sha256rnds2_epu32(state0, state1, message);                                 \
  } while (0)

// Words W[4g..4g+3] for g >= 4 from the previous four groups (w0 oldest), stored into w0,
// then that group's rounds.
#define SHANI_SCHEDULE_AND_ROUNDS(group, w0, w1, w2, w3)                                     \
  do {                                                                                       \
    __m128i next = _mm_sha256msg1_epu32((w0), (w1));                                         \
    next = _mm_add_epi32(next, _mm_alignr_epi8((w3), (w2), 4));                              \
    (w0) = _mm_sha256msg2_epu32(next, (w3));                                                 \
    SHANI_ROUNDS(group, (w0));                                                               \
  } while (0)

// `count` consecutive blocks with the SHA extensions: the same computation as
// compress_shani, unrolled, with the state converted to ABEF/CDGH once for all blocks.
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_blocks_shani(uint32_t state[8], const uint8_t *blocks, size_t count) {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
  __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
  __m128i cdab = _mm_shuffle_epi32(abcd, 0xB1);
  __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
  __m128i state0 = _mm_alignr_epi8(cdab, hgfe, 8);      // ABEF
  __m128i state1 = _mm_blend_epi16(hgfe, cdab, 0xF0);   // CDGH
  for (; count > 0; count--, blocks += 64) {
    const __m128i save0 = state0, save1 = state1;
    __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 0)), byte_swap);
    __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16)), byte_swap);
    __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 32)), byte_swap);
    __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 48)), byte_swap);
    SHANI_ROUNDS(0, w0);
    SHANI_ROUNDS(1, w1);
    SHANI_ROUNDS(2, w2);
    SHANI_ROUNDS(3, w3);
    SHANI_SCHEDULE_AND_ROUNDS(4, w0, w1, w2, w3);
    SHANI_SCHEDULE_AND_ROUNDS(5, w1, w2, w3, w0);
    SHANI_SCHEDULE_AND_ROUNDS(6, w2, w3, w0, w1);
    SHANI_SCHEDULE_AND_ROUNDS(7, w3, w0, w1, w2);
    SHANI_SCHEDULE_AND_ROUNDS(8, w0, w1, w2, w3);
    SHANI_SCHEDULE_AND_ROUNDS(9, w1, w2, w3, w0);
    SHANI_SCHEDULE_AND_ROUNDS(10, w2, w3, w0, w1);
    SHANI_SCHEDULE_AND_ROUNDS(11, w3, w0, w1, w2);
    SHANI_SCHEDULE_AND_ROUNDS(12, w0, w1, w2, w3);
    SHANI_SCHEDULE_AND_ROUNDS(13, w1, w2, w3, w0);
    SHANI_SCHEDULE_AND_ROUNDS(14, w2, w3, w0, w1);
    SHANI_SCHEDULE_AND_ROUNDS(15, w3, w0, w1, w2);
    state0 = _mm_add_epi32(state0, save0);
    state1 = _mm_add_epi32(state1, save1);
  }
  __m128i feba = _mm_shuffle_epi32(state0, 0x1B);
  __m128i dchg = _mm_shuffle_epi32(state1, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));  // ABCD
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));     // EFGH
}
#undef SHANI_SCHEDULE_AND_ROUNDS
#undef SHANI_ROUNDS

static int has_sha_extensions(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  if (!(ecx & bit_SSE4_1) || !(ecx & bit_SSSE3)) return 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
  return (ebx & (1u << 29)) != 0;
}
#endif

static void compress_blocks_portable(uint32_t state[8], const uint8_t *blocks, size_t count) {
  for (; count > 0; count--, blocks += 64) compress_portable(state, blocks);
}

static void (*compress)(uint32_t state[8], const uint8_t block[64]) = compress_portable;
static void (*compress_blocks)(uint32_t state[8], const uint8_t *blocks, size_t count) =
    compress_blocks_portable;
static int sha256_hardware = 0;

__attribute__((constructor)) static void sha256_dispatch(void) {
#if defined(__x86_64__)
  if (has_sha_extensions()) {
    compress = compress_shani;
    compress_blocks = compress_blocks_shani;
    sha256_hardware = 1;
  }
#endif
}

int ragops_sha256_is_hardware(void) { return sha256_hardware; }

/// Compresses one block with the portable code (for tests that compare the two paths).
void ragops_sha256_compress_portable(uint32_t state[8], const uint8_t block[64]) {
  compress_portable(state, block);
}

/// Compresses one block with the dispatched code.
void ragops_sha256_compress(uint32_t state[8], const uint8_t block[64]) { compress(state, block); }

/// Compresses `count` consecutive blocks with the dispatched code.
void ragops_sha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t count) {
  compress_blocks(state, blocks, count);
}

void ragops_sha256_init(ragops_sha256_context *ctx) {
  static const uint32_t initial[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
  };
  memcpy(ctx->state, initial, sizeof initial);
  ctx->length = 0;
  ctx->buffered = 0;
  memset(ctx->buffer, 0, sizeof ctx->buffer);
}

void ragops_sha256_update(ragops_sha256_context *ctx, const void *bytes, size_t length) {
  const uint8_t *input = (const uint8_t *)bytes;
  ctx->length += (uint64_t)length;
  if (ctx->buffered > 0) {
    size_t take = 64 - ctx->buffered;
    if (take > length) take = length;
    memcpy(ctx->buffer + ctx->buffered, input, take);
    ctx->buffered += (uint32_t)take;
    input += take;
    length -= take;
    if (ctx->buffered < 64) return;
    compress(ctx->state, ctx->buffer);
    ctx->buffered = 0;
  }
  if (length >= 64) {
    size_t count = length / 64;
    compress_blocks(ctx->state, input, count);
    input += 64 * count;
    length -= 64 * count;
  }
  if (length > 0) {
    memcpy(ctx->buffer, input, length);
    ctx->buffered = (uint32_t)length;
  }
}

void ragops_sha256_final(ragops_sha256_context *ctx, uint8_t digest[32]) {
  uint64_t bit_length = ctx->length * 8;
  uint8_t pad[72];
  size_t pad_length = (ctx->buffered < 56) ? 56 - ctx->buffered : 120 - ctx->buffered;
  memset(pad, 0, sizeof pad);
  pad[0] = 0x80;
  for (int i = 0; i < 8; i++) pad[pad_length + (size_t)i] = (uint8_t)(bit_length >> (56 - 8 * i));
  uint64_t saved_length = ctx->length;
  ragops_sha256_update(ctx, pad, pad_length + 8);
  ctx->length = saved_length;
  for (int i = 0; i < 8; i++) {
    digest[4 * i] = (uint8_t)(ctx->state[i] >> 24);
    digest[4 * i + 1] = (uint8_t)(ctx->state[i] >> 16);
    digest[4 * i + 2] = (uint8_t)(ctx->state[i] >> 8);
    digest[4 * i + 3] = (uint8_t)ctx->state[i];
  }
}
