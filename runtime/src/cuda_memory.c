/*===- cuda_memory.c - the allocator of CUDA programs --------------------===*
 *
 * `weftc --target=cuda` lowers memref.alloc/dealloc to calls of these
 * _mlir_memref_to_llvm_* functions (finalize-memref-to-llvm's generic
 * allocation functions) instead of malloc/free. Every array is CUDA managed
 * memory: kernels and host code use the same pointer, pages move to the GPU
 * when a kernel first touches them and back only when the host reads or
 * writes them (print, save, element access), so arrays stay on the device
 * across a host loop of kernel calls and no launch copies anything.
 *===----------------------------------------------------------------------===*/
#include "cuda_driver.h"
#include "internal.h"

void *_mlir_memref_to_llvm_alloc(size_t bytes);
void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t bytes);
void _mlir_memref_to_llvm_free(void *pointer);

/* Managed allocations are aligned to at least 256 bytes, more than any
 * memref.alloc asks for. */
void *_mlir_memref_to_llvm_alloc(size_t bytes) {
  const weft_cuda_driver *cu = weft_rt_cuda();
  CUdeviceptr pointer = 0;
  weft_rt_cuda_check(cu->MemAllocManaged(&pointer, bytes ? bytes : 1,
                                         WEFT_CU_MEM_ATTACH_GLOBAL),
                     "cuMemAllocManaged (allocating an array)");
  return (void *)(uintptr_t)pointer;
}

void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t bytes) {
  (void)alignment;
  return _mlir_memref_to_llvm_alloc(bytes);
}

void _mlir_memref_to_llvm_free(void *pointer) {
  if (!pointer)
    return;
  weft_rt_cuda_check(weft_rt_cuda()->MemFree((CUdeviceptr)(uintptr_t)pointer),
                     "cuMemFree (freeing an array)");
}
