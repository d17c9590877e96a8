/* Stands in for the Weft runtime's main in run.test: exits with the status
 * in $STATUS, or raises the signal named by $SIGNAL (KILL or SEGV). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  const char *sig = getenv("SIGNAL");
  if (sig)
    raise(strcmp(sig, "KILL") == 0 ? SIGKILL : SIGSEGV);
  const char *status = getenv("STATUS");
  return status ? atoi(status) : 0;
}
