// sync_file_range(2), which Glibc declares only under _GNU_SOURCE and Swift cannot see.

#define _GNU_SOURCE
#include "CEngineSupport.h"

#include <errno.h>
#include <fcntl.h>

int ragops_start_writeback(int fd, int64_t offset, int64_t length) {
#if defined(__linux__)
  return sync_file_range(fd, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE);
#else
  (void)fd;
  (void)offset;
  (void)length;
  errno = ENOSYS;
  return -1;
#endif
}
