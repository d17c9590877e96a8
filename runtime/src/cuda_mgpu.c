/*===- cuda_mgpu.c - the mgpu* functions that gpu-to-llvm calls ----------===*
 *
 * MLIR's gpu-to-llvm lowering turns gpu.launch_func, gpu.alloc, gpu.memcpy
 * ... into calls of these functions (the ABI of MLIR's CUDA runtime
 * wrappers, which Debian does not ship); they run on the CUDA driver API.
 *
 * Kernel modules are registered by global constructors, before main; they
 * are loaded on first launch only, so that `--help` and argument errors work
 * on a machine without a GPU, and the driver is loaded when first needed.
 * Every launch goes to the default stream, which orders it after earlier
 * launches and managed-memory accesses.
 *===----------------------------------------------------------------------===*/
#include "cuda_driver.h"
#include "internal.h"

#include <stdlib.h>

typedef struct {
  const void *image; /* the embedded cubin / fatbin / PTX */
  CUmodule module;   /* NULL until the first launch */
} lazy_module;

void *mgpuModuleLoad(void *image, size_t bytes);
void *mgpuModuleLoadJIT(void *image, int optLevel);
void mgpuModuleUnload(void *module);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedBytes, void *stream,
                      void **params, void **extra, size_t paramCount);
void *mgpuStreamCreate(void);
void mgpuStreamDestroy(void *stream);
void mgpuStreamSynchronize(void *stream);
void mgpuStreamWaitEvent(void *stream, void *event);
void *mgpuEventCreate(void);
void mgpuEventDestroy(void *event);
void mgpuEventSynchronize(void *event);
void mgpuEventRecord(void *event, void *stream);
void *mgpuMemAlloc(uint64_t bytes, void *stream, bool isHostShared);
void mgpuMemFree(void *pointer, void *stream);
void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream);
void mgpuMemset32(void *dst, unsigned value, size_t count, void *stream);
void mgpuMemset16(void *dst, unsigned short value, size_t count, void *stream);

void *_mlir_memref_to_llvm_alloc(size_t bytes);
void _mlir_memref_to_llvm_free(void *pointer);

void *mgpuModuleLoad(void *image, size_t bytes) {
  (void)bytes; /* cubins, fatbins and PTX all describe their own size */
  lazy_module *m = weft_rt_alloc(sizeof *m);
  m->image = image;
  m->module = NULL;
  return m;
}

void *mgpuModuleLoadJIT(void *image, int optLevel) {
  (void)optLevel;
  return mgpuModuleLoad(image, 0);
}

/* Called from global destructors, after main: unloads only what was
 * loaded, so that a program that launched nothing never loads the driver. */
void mgpuModuleUnload(void *module) {
  lazy_module *m = module;
  if (m->module)
    weft_rt_cuda()->ModuleUnload(m->module);
  free(m);
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  lazy_module *m = module;
  const weft_cuda_driver *cu = weft_rt_cuda();
  if (!m->module)
    weft_rt_cuda_check(cu->ModuleLoadData(&m->module, m->image),
                       "cuModuleLoadData (loading the program's kernels)");
  CUfunction function;
  weft_rt_cuda_check(cu->ModuleGetFunction(&function, m->module, name),
                     "cuModuleGetFunction");
  return function;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t sharedBytes, void *stream,
                      void **params, void **extra, size_t paramCount) {
  (void)paramCount;
  /* An empty iteration space launches nothing (CUDA rejects a zero grid). */
  if (gridX <= 0 || gridY <= 0 || gridZ <= 0)
    return;
  weft_rt_cuda_check(weft_rt_cuda()->LaunchKernel(
                         function, (unsigned)gridX, (unsigned)gridY,
                         (unsigned)gridZ, (unsigned)blockX, (unsigned)blockY,
                         (unsigned)blockZ, (unsigned)sharedBytes, stream,
                         params, extra),
                     "cuLaunchKernel (starting a kernel)");
}

/* The default stream: see the top comment. */
void *mgpuStreamCreate(void) { return NULL; }

void mgpuStreamDestroy(void *stream) { (void)stream; }

void mgpuStreamSynchronize(void *stream) {
  weft_rt_cuda_check(weft_rt_cuda()->StreamSynchronize(stream),
                     "a kernel (cuStreamSynchronize)");
}

void mgpuStreamWaitEvent(void *stream, void *event) {
  weft_rt_cuda_check(weft_rt_cuda()->StreamWaitEvent(stream, event, 0),
                     "cuStreamWaitEvent");
}

void *mgpuEventCreate(void) {
  CUevent event;
  weft_rt_cuda_check(weft_rt_cuda()->EventCreate(&event, 0), "cuEventCreate");
  return event;
}

void mgpuEventDestroy(void *event) {
  weft_rt_cuda_check(weft_rt_cuda()->EventDestroy(event), "cuEventDestroy");
}

void mgpuEventSynchronize(void *event) {
  weft_rt_cuda_check(weft_rt_cuda()->EventSynchronize(event),
                     "cuEventSynchronize");
}

void mgpuEventRecord(void *event, void *stream) {
  weft_rt_cuda_check(weft_rt_cuda()->EventRecord(event, stream),
                     "cuEventRecord");
}

/* gpu.alloc: device and host-shared memory alike are managed memory, like
 * every other array of a CUDA program. */
void *mgpuMemAlloc(uint64_t bytes, void *stream, bool isHostShared) {
  (void)stream;
  (void)isHostShared;
  return _mlir_memref_to_llvm_alloc(bytes);
}

void mgpuMemFree(void *pointer, void *stream) {
  (void)stream;
  _mlir_memref_to_llvm_free(pointer);
}

void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream) {
  (void)stream;
  weft_rt_cuda_check(weft_rt_cuda()->Memcpy((CUdeviceptr)(uintptr_t)dst,
                                            (CUdeviceptr)(uintptr_t)src,
                                            bytes),
                     "cuMemcpy");
}

void mgpuMemset32(void *dst, unsigned value, size_t count, void *stream) {
  (void)stream;
  weft_rt_cuda_check(
      weft_rt_cuda()->MemsetD32((CUdeviceptr)(uintptr_t)dst, value, count),
      "cuMemsetD32");
}

void mgpuMemset16(void *dst, unsigned short value, size_t count,
                  void *stream) {
  (void)stream;
  weft_rt_cuda_check(
      weft_rt_cuda()->MemsetD16((CUdeviceptr)(uintptr_t)dst, value, count),
      "cuMemsetD16");
}
