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

#endif
