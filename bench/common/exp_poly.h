/* exp_poly.h - a vectorisable f32 exp without -ffast-math: Cephes expf
 * coefficients on the reduced range, inputs clamped to [-87, 88]; max relative
 * error about 1e-7 there. Shared by the C, OpenBLAS and Eigen peers. */
#ifndef WEFT_BENCH_EXP_POLY_H
#define WEFT_BENCH_EXP_POLY_H
#include <stdint.h>

static inline float exp_poly(float x) {
  x = x < -87.0f ? -87.0f : (x > 88.0f ? 88.0f : x);
  float t = x * 1.44269504088896341f;
  float fn = (t + 12582912.0f) - 12582912.0f; /* round to nearest */
  float r = x - fn * 0.693359375f - fn * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  union { int32_t i; float f; } scale;
  scale.i = ((int32_t)fn + 127) << 23;
  return p * scale.f;
}

#endif
