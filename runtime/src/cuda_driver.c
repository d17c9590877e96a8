/*===- cuda_driver.c - load and initialise the CUDA driver ---------------===*/
#include "cuda_driver.h"
#include "internal.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static weft_cuda_driver driver;
static bool loaded;

/* dlsym into a function pointer field; the versioned names (_v2) are the
 * current entry points of the functions whose ABI changed in CUDA 3.2/4.0. */
static void find(void *library, void *field, const char *name) {
  void *symbol = dlsym(library, name);
  if (!symbol)
    weft_rt_fail("this program runs its kernels on an NVIDIA GPU, but the "
                 "CUDA driver (libcuda.so.1) has no function %s: the driver "
                 "is too old",
                 name);
  *(void **)field = symbol;
}

static void load(void) {
  void *library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!library)
    weft_rt_fail("this program runs its kernels on an NVIDIA GPU (weftc "
                 "--target=cuda), but the CUDA driver cannot be loaded: %s",
                 dlerror());
  find(library, &driver.Init, "cuInit");
  find(library, &driver.DeviceGet, "cuDeviceGet");
  find(library, &driver.DevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
  find(library, &driver.CtxSetCurrent, "cuCtxSetCurrent");
  find(library, &driver.ModuleLoadData, "cuModuleLoadData");
  find(library, &driver.ModuleUnload, "cuModuleUnload");
  find(library, &driver.ModuleGetFunction, "cuModuleGetFunction");
  find(library, &driver.LaunchKernel, "cuLaunchKernel");
  find(library, &driver.StreamCreate, "cuStreamCreate");
  find(library, &driver.StreamDestroy, "cuStreamDestroy_v2");
  find(library, &driver.StreamSynchronize, "cuStreamSynchronize");
  find(library, &driver.StreamWaitEvent, "cuStreamWaitEvent");
  find(library, &driver.EventCreate, "cuEventCreate");
  find(library, &driver.EventDestroy, "cuEventDestroy_v2");
  find(library, &driver.EventRecord, "cuEventRecord");
  find(library, &driver.EventSynchronize, "cuEventSynchronize");
  find(library, &driver.MemAllocManaged, "cuMemAllocManaged");
  find(library, &driver.MemFree, "cuMemFree_v2");
  find(library, &driver.Memcpy, "cuMemcpy");
  find(library, &driver.MemsetD32, "cuMemsetD32_v2");
  find(library, &driver.MemsetD16, "cuMemsetD16_v2");
  find(library, &driver.GetErrorName, "cuGetErrorName");
  find(library, &driver.GetErrorString, "cuGetErrorString");
  /* Checked before the context exists: cuInit reports a machine without a
   * GPU (CUDA_ERROR_NO_DEVICE) here. */
  loaded = true;
  weft_rt_cuda_check(driver.Init(0), "cuInit (starting the CUDA driver)");
  CUdevice device;
  weft_rt_cuda_check(driver.DeviceGet(&device, 0), "cuDeviceGet (GPU 0)");
  CUcontext context;
  weft_rt_cuda_check(driver.DevicePrimaryCtxRetain(&context, device),
                     "cuDevicePrimaryCtxRetain");
  weft_rt_cuda_check(driver.CtxSetCurrent(context), "cuCtxSetCurrent");
}

const weft_cuda_driver *weft_rt_cuda(void) {
  if (!loaded)
    load();
  return &driver;
}

/* The location given by weft_rt_cuda_launching: constant text of the
 * program (not NUL-terminated), or NULL between launches. */
static const char *launch_location;
static int64_t launch_location_length;

void weft_rt_cuda_launching(int64_t location_rank, weft_memref *location) {
  if (location_rank != 1)
    weft_rt_fail("internal error: a string must be a rank-1 memref, not "
                 "rank %lld",
                 (long long)location_rank);
  launch_location = (const char *)location->aligned + location->offset;
  launch_location_length = location->sizes[0];
}

void weft_rt_cuda_launched(void) { launch_location = NULL; }

_Noreturn void weft_rt_cuda_fail(const char *operation, const char *name,
                                 const char *text) {
  const char *format = "CUDA: %s failed: %s (%s)";
  if (!name)
    name = "unknown error";
  if (!text)
    text = "no description";
  if (!launch_location)
    weft_rt_fail(format, operation, name, text);
  char *location = weft_rt_alloc((size_t)launch_location_length + 1);
  memcpy(location, launch_location, (size_t)launch_location_length);
  location[launch_location_length] = '\0';
  weft_rt_fail_at(location, format, operation, name, text);
}

void weft_rt_cuda_check(CUresult result, const char *operation) {
  if (result == 0)
    return;
  const char *name = NULL, *text = NULL;
  driver.GetErrorName(result, &name);
  driver.GetErrorString(result, &text);
  weft_rt_cuda_fail(operation, name, text);
}
