// Distance kernels (dot product, squared Euclidean distance) with one-time CPU dispatch.
//
// Implementations:
//   - AVX2+FMA (x86-64, compiled with a per-function `target` attribute, so the rest of the
//     package keeps the baseline ISA): four independent 8-lane FMA accumulators over 32
//     floats per step, leftover blocks of 8 spread over the accumulators, and the last 1..7
//     floats read with a masked load;
//   - portable: SSE2 (part of every x86-64) with four 4-lane accumulators and a scalar tail,
//     or, on other architectures, plain C with 16 independent lanes that the compiler
//     vectorizes without reassociating anything;
//   - reference: one 8-lane AVX2+FMA accumulator and a scalar tail, the plain hand-written
//     loop the benchmark compares with. Never used by the engine.
//
// Invariants:
//   - every kernel takes any n >= 0 and any float-aligned pointers, and reads a[0..n) and
//     b[0..n) only: the masked tail loads never touch memory past the end;
//   - the dispatch pointers are set before main() runs and never change afterwards, so a
//     call costs one indirect jump and never a CPU-feature test;
//   - the AVX2+FMA path is chosen only when CPUID reports OSXSAVE, AVX, FMA and AVX2 and
//     XCR0 shows the OS saves the XMM and YMM state.

#include "CEngineSupport.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

// MARK: - Portable

#if defined(__x86_64__)

static inline float horizontal_sum_sse2(__m128 v) {
  v = _mm_add_ps(v, _mm_movehl_ps(v, v));
  v = _mm_add_ss(v, _mm_shuffle_ps(v, v, 1));
  return _mm_cvtss_f32(v);
}

float ragops_dot_f32_portable(const float *a, const float *b, size_t n) {
  __m128 s0 = _mm_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
    s1 = _mm_add_ps(s1, _mm_mul_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4)));
    s2 = _mm_add_ps(s2, _mm_mul_ps(_mm_loadu_ps(a + i + 8), _mm_loadu_ps(b + i + 8)));
    s3 = _mm_add_ps(s3, _mm_mul_ps(_mm_loadu_ps(a + i + 12), _mm_loadu_ps(b + i + 12)));
  }
  for (; i + 4 <= n; i += 4) {
    s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
  }
  float sum = horizontal_sum_sse2(_mm_add_ps(_mm_add_ps(s0, s1), _mm_add_ps(s2, s3)));
  for (; i < n; i++) sum += a[i] * b[i];
  return sum;
}

float ragops_l2sq_f32_portable(const float *a, const float *b, size_t n) {
  __m128 s0 = _mm_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128 d0 = _mm_sub_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i));
    __m128 d1 = _mm_sub_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4));
    __m128 d2 = _mm_sub_ps(_mm_loadu_ps(a + i + 8), _mm_loadu_ps(b + i + 8));
    __m128 d3 = _mm_sub_ps(_mm_loadu_ps(a + i + 12), _mm_loadu_ps(b + i + 12));
    s0 = _mm_add_ps(s0, _mm_mul_ps(d0, d0));
    s1 = _mm_add_ps(s1, _mm_mul_ps(d1, d1));
    s2 = _mm_add_ps(s2, _mm_mul_ps(d2, d2));
    s3 = _mm_add_ps(s3, _mm_mul_ps(d3, d3));
  }
  for (; i + 4 <= n; i += 4) {
    __m128 d = _mm_sub_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i));
    s0 = _mm_add_ps(s0, _mm_mul_ps(d, d));
  }
  float sum = horizontal_sum_sse2(_mm_add_ps(_mm_add_ps(s0, s1), _mm_add_ps(s2, s3)));
  for (; i < n; i++) {
    float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

#else

// 16 independent lanes: each lane is its own running sum, so the compiler may vectorize the
// inner loop (NEON on aarch64) without reassociating any sum.
enum { plain_lanes = 16 };

static float reduce_lanes(float *lanes) {
  for (int width = plain_lanes / 2; width >= 1; width /= 2) {
    for (int k = 0; k < width; k++) lanes[k] += lanes[k + width];
  }
  return lanes[0];
}

float ragops_dot_f32_portable(const float *a, const float *b, size_t n) {
  float lanes[plain_lanes] = {0};
  size_t i = 0;
  for (; i + plain_lanes <= n; i += plain_lanes) {
    for (int k = 0; k < plain_lanes; k++) lanes[k] += a[i + k] * b[i + k];
  }
  float tail = 0;
  for (; i < n; i++) tail += a[i] * b[i];
  return reduce_lanes(lanes) + tail;
}

float ragops_l2sq_f32_portable(const float *a, const float *b, size_t n) {
  float lanes[plain_lanes] = {0};
  size_t i = 0;
  for (; i + plain_lanes <= n; i += plain_lanes) {
    for (int k = 0; k < plain_lanes; k++) {
      float d = a[i + k] - b[i + k];
      lanes[k] += d * d;
    }
  }
  float tail = 0;
  for (; i < n; i++) {
    float d = a[i] - b[i];
    tail += d * d;
  }
  return reduce_lanes(lanes) + tail;
}

#endif

// MARK: - AVX2+FMA

#if defined(__x86_64__)

#define RAGOPS_AVX2_FMA __attribute__((target("avx2,fma")))

// Eight all-ones lanes then eight zero lanes: the 8 lanes starting at tail_masks + 8 - r
// select the first r floats.
static const int32_t tail_masks[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

RAGOPS_AVX2_FMA static inline __m256i tail_mask(size_t remaining) {
  return _mm256_loadu_si256((const __m256i *)(tail_masks + 8 - remaining));
}

RAGOPS_AVX2_FMA static inline float horizontal_sum_avx(__m256 v) {
  __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  x = _mm_add_ps(x, _mm_movehl_ps(x, x));
  x = _mm_add_ss(x, _mm_movehdup_ps(x));
  return _mm_cvtss_f32(x);
}

RAGOPS_AVX2_FMA static float dot_avx2_fma(const float *a, const float *b, size_t n) {
  __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
    s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), s2);
    s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), s3);
  }
  // Up to three whole blocks of 8 remain; each goes to its own accumulator.
  if (i + 8 <= n) {
    s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    i += 8;
    if (i + 8 <= n) {
      s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s1);
      i += 8;
      if (i + 8 <= n) {
        s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s2);
        i += 8;
      }
    }
  }
  if (i < n) {
    __m256i mask = tail_mask(n - i);
    s3 = _mm256_fmadd_ps(_mm256_maskload_ps(a + i, mask), _mm256_maskload_ps(b + i, mask), s3);
  }
  return horizontal_sum_avx(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

RAGOPS_AVX2_FMA static float l2sq_avx2_fma(const float *a, const float *b, size_t n) {
  __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
    __m256 d2 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16));
    __m256 d3 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24));
    s0 = _mm256_fmadd_ps(d0, d0, s0);
    s1 = _mm256_fmadd_ps(d1, d1, s1);
    s2 = _mm256_fmadd_ps(d2, d2, s2);
    s3 = _mm256_fmadd_ps(d3, d3, s3);
  }
  if (i + 8 <= n) {
    __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    s0 = _mm256_fmadd_ps(d, d, s0);
    i += 8;
    if (i + 8 <= n) {
      d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
      s1 = _mm256_fmadd_ps(d, d, s1);
      i += 8;
      if (i + 8 <= n) {
        d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        s2 = _mm256_fmadd_ps(d, d, s2);
        i += 8;
      }
    }
  }
  if (i < n) {
    // Masked-off lanes load 0 from both sides, so their difference adds nothing.
    __m256i mask = tail_mask(n - i);
    __m256 d = _mm256_sub_ps(_mm256_maskload_ps(a + i, mask), _mm256_maskload_ps(b + i, mask));
    s3 = _mm256_fmadd_ps(d, d, s3);
  }
  return horizontal_sum_avx(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

RAGOPS_AVX2_FMA float ragops_dot_f32_reference_avx2(const float *a, const float *b, size_t n) {
  __m256 s = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) s = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s);
  float sum = horizontal_sum_avx(s);
  for (; i < n; i++) sum += a[i] * b[i];
  return sum;
}

RAGOPS_AVX2_FMA float ragops_l2sq_f32_reference_avx2(const float *a, const float *b, size_t n) {
  __m256 s = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    s = _mm256_fmadd_ps(d, d, s);
  }
  float sum = horizontal_sum_avx(s);
  for (; i < n; i++) {
    float d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

// CPUID.1:ECX OSXSAVE, AVX and FMA; XCR0 bits 1 (XMM) and 2 (YMM) saved by the OS;
// CPUID.(7,0):EBX AVX2.
static int cpu_has_avx2_fma(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  const unsigned int leaf1 = bit_OSXSAVE | bit_AVX | bit_FMA;
  if ((ecx & leaf1) != leaf1) return 0;
  unsigned int xcr0_low, xcr0_high;
  __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
  (void)xcr0_high;
  if ((xcr0_low & 0x6) != 0x6) return 0;
  if (__get_cpuid_max(0, NULL) < 7) return 0;
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  return (ebx & bit_AVX2) != 0;
}

#else

float ragops_dot_f32_reference_avx2(const float *a, const float *b, size_t n) {
  return ragops_dot_f32_portable(a, b, n);
}

float ragops_l2sq_f32_reference_avx2(const float *a, const float *b, size_t n) {
  return ragops_l2sq_f32_portable(a, b, n);
}

#endif

// MARK: - Dispatch

static float (*dot_impl)(const float *, const float *, size_t) = ragops_dot_f32_portable;
static float (*l2sq_impl)(const float *, const float *, size_t) = ragops_l2sq_f32_portable;
static const char *kernels_name = "portable";
static int kernels_avx2_fma = 0;

__attribute__((constructor)) static void kernels_init(void) {
#if defined(__x86_64__)
  if (cpu_has_avx2_fma()) {
    dot_impl = dot_avx2_fma;
    l2sq_impl = l2sq_avx2_fma;
    kernels_name = "avx2+fma";
    kernels_avx2_fma = 1;
  }
#endif
}

float ragops_dot_f32(const float *a, const float *b, size_t n) { return dot_impl(a, b, n); }

float ragops_l2sq_f32(const float *a, const float *b, size_t n) { return l2sq_impl(a, b, n); }

const char *ragops_kernels_name(void) { return kernels_name; }

int ragops_kernels_has_avx2_fma(void) { return kernels_avx2_fma; }
