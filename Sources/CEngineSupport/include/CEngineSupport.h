#ifndef RAGOPS_CENGINESUPPORT_H
#define RAGOPS_CENGINESUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// Extends a CRC-32C (Castagnoli) over `length` bytes.
///
/// `crc` is the value returned for the preceding bytes (0 to start). The implementation is
/// chosen once per process: the SSE4.2 `crc32` instruction where the CPU has it, a
/// table-driven loop otherwise.
uint32_t ragops_crc32c(uint32_t crc, const void *bytes, size_t length);

/// Returns 1 when `ragops_crc32c` uses the hardware instruction, 0 otherwise.
int ragops_crc32c_is_hardware(void);

// MARK: - Distance kernels

/// The dot product of the `n`-float vectors `a` and `b`.
///
/// The implementation is chosen once per process, before `main` runs: AVX2+FMA where the CPU
/// and the OS support it, the portable kernel otherwise. Any `n` (including 0) and any float
/// alignment; reads exactly `a[0..n)` and `b[0..n)`. Cosine similarity is this dot product on
/// vectors normalized beforehand.
float ragops_dot_f32(const float *a, const float *b, size_t n);

/// The squared Euclidean distance between the `n`-float vectors `a` and `b`.
///
/// Dispatched like `ragops_dot_f32`, with the same guarantees.
float ragops_l2sq_f32(const float *a, const float *b, size_t n);

/// The name of the kernels `ragops_dot_f32` and `ragops_l2sq_f32` use: "avx2+fma" or "portable".
const char *ragops_kernels_name(void);

/// Returns 1 when the CPU and OS run AVX2+FMA code (and the dispatched kernels use it), else 0.
int ragops_kernels_has_avx2_fma(void);

/// The portable dot product: SSE2 on x86-64, plain C elsewhere. For tests and benchmarks.
float ragops_dot_f32_portable(const float *a, const float *b, size_t n);

/// The portable squared Euclidean distance: SSE2 on x86-64, plain C elsewhere.
float ragops_l2sq_f32_portable(const float *a, const float *b, size_t n);

/// A plain one-accumulator AVX2+FMA dot-product loop: the benchmark's hand-written baseline.
///
/// Not used by the engine. Call only when `ragops_kernels_has_avx2_fma()` returns 1 (it
/// executes AVX2 instructions unconditionally); on non-x86 builds it is the portable kernel.
float ragops_dot_f32_reference_avx2(const float *a, const float *b, size_t n);

/// A plain one-accumulator AVX2+FMA squared-distance loop: the benchmark's baseline.
///
/// Same conditions as `ragops_dot_f32_reference_avx2`.
float ragops_l2sq_f32_reference_avx2(const float *a, const float *b, size_t n);

/// Asks the CPU to start loading the cache line holding `address` (for reading, keep in all
/// cache levels). A hint only: never faults, even for an invalid address.
static inline void ragops_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// Prefetches every cache line of the `length` bytes at `address`, such as one stored vector.
///
/// - Complexity: O(length / 64).
static inline void ragops_prefetch_range(const void *address, size_t length) {
  if (length == 0) return;
  uintptr_t line = (uintptr_t)address & ~(uintptr_t)63;
  const uintptr_t last = (uintptr_t)address + length - 1;
  for (; line <= last; line += 64) __builtin_prefetch((const void *)line, 0, 3);
}

/// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
///
/// Returns 0, or -1 with `errno` set (for example `ENOSYS` or `EINVAL` where the kernel or
/// file system lacks the flag).
int ragops_rename_exchange(const char *first, const char *second);

/// Starts writing back the dirty pages of `length` bytes at `offset` of file `fd` without
/// waiting for them (Linux `sync_file_range` with `SYNC_FILE_RANGE_WRITE`).
///
/// A hint that lets the disk work while the caller goes on; it makes nothing durable (call
/// `fsync` for that). Returns 0, or -1 with `errno` set (`ENOSYS` where there is no such call).
int ragops_start_writeback(int fd, int64_t offset, int64_t length);

#endif
