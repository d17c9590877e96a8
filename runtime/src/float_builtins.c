/* float_builtins.c - conversion routines LLVM calls but Debian's libgcc
 * lacks.
 *
 * LLVM lowers `fptrunc double to bfloat` (a Weft `bf16(x)` of an f64 value)
 * to a call of __truncdfbf2, which compiler-rt provides and libgcc 12 does
 * not. Going through f32 would round twice (1 + 2^-8 + 2^-40 would become
 * 1.0 instead of 1.0078125), so this rounds the double once, as
 * weft_rt_bf16_bits does for stored elements. A bf16 travels in the low 16
 * bits of an SSE register, as an _Float16 does. */
#include "internal.h"

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__FLT16_MANT_DIG__)
_Float16 __truncdfbf2(double value);

_Float16 __truncdfbf2(double value) {
  uint16_t bits = weft_rt_bf16_bits(value);
  _Float16 result;
  memcpy(&result, &bits, sizeof result);
  return result;
}
#endif
