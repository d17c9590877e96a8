/*===- output_file.c - the files that save and save_image write -----------===*
 *
 * A regular file is written as a temporary next to it and renamed into
 * place, so that an interrupted program leaves no half-written file behind.
 * A symbolic link is followed (the file it names is replaced, the link
 * stays, as numpy.save does). Anything that is not a regular file
 * (/dev/stdout, a FIFO) and a link to a file not yet there are written
 * directly: renaming onto them would replace the device node or the link.
 *===----------------------------------------------------------------------===*/
#define _DEFAULT_SOURCE /* realpath */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

weft_output weft_rt_output_open(const char *path) {
  weft_output out = {NULL, path, NULL, NULL};
  struct stat info;
  bool exists = stat(path, &info) == 0; /* follows links */
  /* A link to a file that does not exist yet creates that file. */
  bool dangling = !exists && lstat(path, &info) == 0 && S_ISLNK(info.st_mode);
  if ((exists && !S_ISREG(info.st_mode)) || dangling) {
    out.file = fopen(path, "wb");
    if (!out.file)
      weft_rt_fail("cannot write %s: %s", path, strerror(errno));
    return out;
  }
  /* The file a link names; a path that does not exist yet is its own. */
  char *target = exists ? realpath(path, NULL) : NULL;
  out.target = target ? target : strdup(path);
  size_t size = strlen(out.target) + 32;
  out.temporary = weft_rt_alloc(size);
  snprintf(out.temporary, size, "%s.%ld.tmp", out.target, (long)getpid());
  int fd = open(out.temporary, O_WRONLY | O_CREAT | O_EXCL, 0666);
  out.file = fd < 0 ? NULL : fdopen(fd, "wb");
  if (!out.file) {
    int error = errno;
    if (fd >= 0) {
      close(fd);
      unlink(out.temporary);
    }
    weft_rt_fail("cannot create %s: %s", path, strerror(error));
  }
  return out;
}

void weft_rt_output_close(weft_output *out, bool written) {
  int error = errno;
  if (fclose(out->file) != 0 && written) {
    written = false;
    error = errno;
  }
  if (written && out->temporary && rename(out->temporary, out->target) != 0) {
    written = false;
    error = errno;
  }
  if (!written) {
    if (out->temporary)
      unlink(out->temporary);
    weft_rt_fail("cannot write %s: %s", out->path, strerror(error));
  }
  free(out->temporary);
  free(out->target);
}
