// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-serial-short-regions))' | FileCheck %s

// A region that only runs a one-dimensional worksharing loop forks its team
// only when the loop has two iterations or more (a strip one row thick
// stays on the calling thread).
// CHECK-LABEL: func.func @rows
// CHECK-SAME:    (%[[LO:.*]]: index, %[[HI:.*]]: index, %[[STEP:.*]]: index)
// CHECK:         %[[SPAN:.*]] = arith.subi %[[HI]], %[[LO]] : index
// CHECK:         %[[MORE:.*]] = arith.cmpi sgt, %[[SPAN]], %[[STEP]] : index
// CHECK:         omp.parallel if(%[[MORE]])
// CHECK:           omp.loop_nest (%{{.*}}) : index = (%[[LO]]) to (%[[HI]]) step (%[[STEP]])
func.func @rows(%lo: index, %hi: index, %step: index) {
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%lo) to (%hi) step (%step) {
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// A region with more than the loop, or one that already has an `if`, is
// left as it is.
// CHECK-LABEL: func.func @kept
// CHECK:         omp.parallel {
// CHECK:         omp.parallel if(%{{.*}}) {
// CHECK-NOT:     arith.cmpi
func.func private @work()
func.func @kept(%n: index, %c: i1) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  omp.parallel {
    func.call @work() : () -> ()
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        omp.yield
      }
    }
    omp.terminator
  }
  omp.parallel if(%c) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        omp.yield
      }
    }
    omp.terminator
  }
  return
}
