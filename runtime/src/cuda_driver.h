/*===- cuda_driver.h - the CUDA driver API, loaded at run time -----------===*
 *
 * The few driver types and entry points the runtime uses, declared here so
 * that the runtime builds without the CUDA toolkit, and looked up with
 * dlopen("libcuda.so.1") on first use (cuda_driver.c): CPU programs never
 * load it, and a CUDA program on a machine without a driver or a GPU stops
 * with a message instead of failing to start.
 *===----------------------------------------------------------------------===*/
#ifndef WEFT_RUNTIME_CUDA_DRIVER_H
#define WEFT_RUNTIME_CUDA_DRIVER_H

#include <stddef.h>

typedef int CUresult; /* CUDA_SUCCESS is 0 */
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef struct CUevent_st *CUevent;

enum { WEFT_CU_MEM_ATTACH_GLOBAL = 1 };

typedef struct {
  CUresult (*Init)(unsigned flags);
  CUresult (*DeviceGet)(CUdevice *device, int ordinal);
  CUresult (*DevicePrimaryCtxRetain)(CUcontext *context, CUdevice device);
  CUresult (*CtxSetCurrent)(CUcontext context);
  CUresult (*ModuleLoadData)(CUmodule *module, const void *image);
  CUresult (*ModuleUnload)(CUmodule module);
  CUresult (*ModuleGetFunction)(CUfunction *function, CUmodule module,
                                const char *name);
  CUresult (*LaunchKernel)(CUfunction f, unsigned gridX, unsigned gridY,
                           unsigned gridZ, unsigned blockX, unsigned blockY,
                           unsigned blockZ, unsigned sharedBytes,
                           CUstream stream, void **params, void **extra);
  CUresult (*StreamCreate)(CUstream *stream, unsigned flags);
  CUresult (*StreamDestroy)(CUstream stream);
  CUresult (*StreamSynchronize)(CUstream stream);
  CUresult (*StreamWaitEvent)(CUstream stream, CUevent event, unsigned flags);
  CUresult (*EventCreate)(CUevent *event, unsigned flags);
  CUresult (*EventDestroy)(CUevent event);
  CUresult (*EventRecord)(CUevent event, CUstream stream);
  CUresult (*EventSynchronize)(CUevent event);
  CUresult (*MemAllocManaged)(CUdeviceptr *pointer, size_t bytes,
                              unsigned flags);
  CUresult (*MemFree)(CUdeviceptr pointer);
  CUresult (*Memcpy)(CUdeviceptr dst, CUdeviceptr src, size_t bytes);
  CUresult (*MemsetD32)(CUdeviceptr dst, unsigned value, size_t count);
  CUresult (*MemsetD16)(CUdeviceptr dst, unsigned short value, size_t count);
  CUresult (*GetErrorName)(CUresult error, const char **name);
  CUresult (*GetErrorString)(CUresult error, const char **text);
} weft_cuda_driver;

/* The driver, loaded and initialised (device 0's primary context current)
 * on first call; stops the program with a message when there is none. */
const weft_cuda_driver *weft_rt_cuda(void);

/* Stops the program unless `result` is CUDA_SUCCESS, naming the failed
 * operation and the CUDA error. */
void weft_rt_cuda_check(CUresult result, const char *operation);

/* Stops the program with a CUDA error (`name`, `text` from the driver),
 * at the launching kernel's .weft location if there is one. */
_Noreturn void weft_rt_cuda_fail(const char *operation, const char *name,
                                 const char *text);

#endif /* WEFT_RUNTIME_CUDA_DRIVER_H */
