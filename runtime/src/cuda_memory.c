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

/* Every block ever allocated, with its size and whether a program array
 * holds it. A freed block is kept for the next allocation of the same size:
 * a host loop (`u = step(u)`) then cycles through the same few blocks,
 * whose pages are already on the GPU, instead of paying cuMemAllocManaged,
 * a synchronising cuMemFree and first-touch page faults every step. */
typedef struct {
  void *pointer;
  size_t bytes;
  bool in_use;
} block;

static block *blocks;
static size_t block_count, block_capacity;

static void *allocate_managed(size_t bytes, CUresult *result) {
  CUdeviceptr pointer = 0;
  *result = weft_rt_cuda()->MemAllocManaged(&pointer, bytes,
                                            WEFT_CU_MEM_ATTACH_GLOBAL);
  return (void *)(uintptr_t)pointer;
}

/* Returns the cached free blocks to CUDA (when an allocation fails). */
static void release_cache(void) {
  size_t kept = 0;
  for (size_t i = 0; i < block_count; ++i) {
    if (blocks[i].in_use)
      blocks[kept++] = blocks[i];
    else
      weft_rt_cuda_check(weft_rt_cuda()->MemFree(
                             (CUdeviceptr)(uintptr_t)blocks[i].pointer),
                         "cuMemFree (releasing cached arrays)");
  }
  block_count = kept;
}

/* Managed allocations are aligned to at least 256 bytes, more than any
 * memref.alloc asks for. */
void *_mlir_memref_to_llvm_alloc(size_t bytes) {
  if (bytes == 0)
    bytes = 1;
  for (size_t i = 0; i < block_count; ++i) {
    if (!blocks[i].in_use && blocks[i].bytes == bytes) {
      blocks[i].in_use = true;
      return blocks[i].pointer;
    }
  }
  CUresult result;
  void *pointer = allocate_managed(bytes, &result);
  if (result != 0) {
    release_cache();
    pointer = allocate_managed(bytes, &result);
  }
  weft_rt_cuda_check(result, "cuMemAllocManaged (allocating an array)");
  if (block_count == block_capacity) {
    block_capacity = block_capacity ? 2 * block_capacity : 64;
    blocks = weft_rt_realloc(blocks, block_capacity * sizeof *blocks);
  }
  blocks[block_count++] = (block){pointer, bytes, true};
  return pointer;
}

void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t bytes) {
  (void)alignment;
  return _mlir_memref_to_llvm_alloc(bytes);
}

/* Newest blocks first: short-lived temporaries are found quickly. */
void _mlir_memref_to_llvm_free(void *pointer) {
  if (!pointer)
    return;
  for (size_t i = block_count; i-- > 0;) {
    if (blocks[i].pointer == pointer) {
      blocks[i].in_use = false;
      return;
    }
  }
  weft_rt_fail("internal error: freeing an array the CUDA allocator does not "
               "know");
}
