// RUN: weft-opt %s --convert-weft-to-linalg --split-input-file | FileCheck %s
// Lower bounds, init, weft.read with each boundary policy, and any/all.

// Shifted reads `x[i - 1]`, `x[i + 1]` over i in 1..e become slices read at
// the iteration position; the result is written into a slice of a copy of
// init and inserted back.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @shifted
// CHECK-SAME:    (%[[N:.*]]: index, %[[X:.*]]: tensor<?xf32>)
// CHECK:         %[[E:.*]] = arith.subi %[[N]], %[[C1:.*]] : index
// CHECK:         %[[D:.*]] = arith.subi %[[E]], %[[C1]] : index
// CHECK:         %[[COUNT:.*]] = arith.maxsi %[[D]], %{{.*}} : index
// CHECK:         %[[COPY:.*]] = linalg.copy ins(%[[X]] : tensor<?xf32>) outs(%{{.*}} : tensor<?xf32>)
// CHECK:         %[[OUT:.*]] = tensor.extract_slice %[[COPY]][1] [%[[COUNT]]] [1]
// CHECK:         %[[LEFT:.*]] = tensor.extract_slice %[[X]][0] [%{{.*}}] [1]
// CHECK:         %[[RIGHT:.*]] = tensor.extract_slice %[[X]][2] [%{{.*}}] [1]
// CHECK:         %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$ID]]], iterator_types = ["parallel"]} ins(%[[LEFT]], %[[RIGHT]] : tensor<?xf32>, tensor<?xf32>) outs(%[[OUT]] : tensor<?xf32>)
// CHECK:         %[[INS:.*]] = tensor.insert_slice %[[R]] into %[[COPY]][1] [%[[COUNT]]] [1]
// CHECK:         return %[[INS]]
func.func @shifted(%n: index, %x: tensor<?xf32>) -> tensor<?xf32> {
  %c1 = arith.constant 1 : index
  %e = arith.subi %n, %c1 : index
  %y = weft.equation ["i"] = (%e) from(%c1) combiner <none> init(%x : tensor<?xf32>)
      ins(%x, %x : tensor<?xf32>, tensor<?xf32>)
      reads [affine_map<(i) -> (i - 1)>, affine_map<(i) -> (i + 1)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
  ^bb0(%l: f32, %r: f32):
    %s = arith.addf %l, %r : f32
    weft.yield %s : f32
  }
  return %y : tensor<?xf32>
}

// -----

// `i + d` with i in 1..e-1 and d in -1..=1 reads the slice that starts at
// 1 + -1 = 0, at position i + d; an unread tensor of d's count gives the
// loop its extent.
// CHECK-DAG:   #[[$SUM:.*]] = affine_map<(d0, d1) -> (d0 + d1)>
// CHECK-DAG:   #[[$D1:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @window
// CHECK-SAME:    (%{{.*}}: index, %[[X:.*]]: tensor<?xf32>)
// CHECK:         %[[OUT:.*]] = tensor.extract_slice
// CHECK:         %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[OUT]] : tensor<?xf32>)
// CHECK:         %[[SLICE:.*]] = tensor.extract_slice %[[X]][0] [%{{.*}}] [1]
// CHECK:         %[[EXT:.*]] = tensor.empty() : tensor<3xi8>
// CHECK:         linalg.generic {indexing_maps = [#[[$SUM]], #[[$D1]], #{{.*}}], iterator_types = ["parallel", "reduction"]} ins(%[[SLICE]], %[[EXT]] : tensor<?xf32>, tensor<3xi8>) outs(%[[ZERO]] : tensor<?xf32>)
func.func @window(%n: index, %x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %m1 = arith.constant -1 : index
  %e = arith.subi %n, %c1 : index
  %y = weft.equation ["i", "d"] = (%e, %c2) from(%c1, %m1) combiner <add> init(%x : tensor<?xf32>)
      ins(%x : tensor<?xf32>)
      reads [affine_map<(i, d) -> (i + d)>]
      writes affine_map<(i, d) -> (i)> -> tensor<?xf32> {
  ^bb0(%v: f32):
    weft.yield %v : f32
  }
  return %y : tensor<?xf32>
}

// -----

// A subscript with a negative coefficient is read in the body at the
// index's value (position + lower bound).
// CHECK-LABEL: func.func @symbolic_lower
// CHECK-SAME:    (%[[LO:.*]]: index, %{{.*}}: index, %[[X:.*]]: tensor<?xf32>)
// CHECK:         linalg.generic
// CHECK:           %[[P:.*]] = linalg.index 0 : index
// CHECK:           %[[I:.*]] = arith.addi %[[P]], %[[LO]] : index
// CHECK:           %[[NEG:.*]] = arith.muli %[[I]], %c-1
// CHECK:           %[[S:.*]] = arith.addi %[[NEG]], %c20
// CHECK:           tensor.extract %[[X]][%[[S]]]
func.func @symbolic_lower(%lo: index, %n: index, %x: tensor<?xf32>) -> tensor<?xf32> {
  %y = weft.equation ["i"] = (%n) from(%lo) combiner <none> init(%x : tensor<?xf32>)
      ins(%x : tensor<?xf32>)
      reads [affine_map<(i) -> (20 - i)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
  ^bb0(%v: f32):
    weft.yield %v : f32
  }
  return %y : tensor<?xf32>
}

// -----

// Each boundary policy: wrap, clamp and mirror check once, before the
// loops, that the array has an element whenever the equation runs.
// CHECK-LABEL: func.func @policies
// CHECK-SAME:    (%[[N:.*]]: index, %[[X:.*]]: tensor<?xf32>, %[[PAD:.*]]: f32)
// CHECK:         %[[NONE:.*]] = arith.cmpi eq, %[[N]], %{{.*}} : index
// CHECK:         %[[EXTENT:.*]] = arith.select %[[NONE]], %{{.*}}, %{{.*}} : index
// CHECK:         weft.check_index %{{.*}}, %[[EXTENT]], "s.weft:1:3: read of 'x' has no element to read: the array is empty"
// CHECK:         weft.check_index {{.*}} "s.weft:1:4: read of 'x' has no element to read: the array is empty"
// CHECK:         weft.check_index {{.*}} "s.weft:1:5: read of 'x' has no element to read: the array is empty"
// CHECK:         linalg.generic
// CHECK:           %[[I:.*]] = linalg.index 0 : index
// wrap: subscripts within one period of [0, n) by one add or subtract; a
// remainder made non-negative only further out
// CHECK:           %[[M:.*]] = arith.maxsi %{{.*}}, %{{.*}} : index
// CHECK:           %[[BELOW:.*]] = arith.cmpi slt, %[[I]], %{{.*}} : index
// CHECK:           %[[PLUS:.*]] = arith.addi %[[I]], %[[M]] : index
// CHECK:           %[[RAISED:.*]] = arith.select %[[BELOW]], %[[PLUS]], %[[I]] : index
// CHECK:           %[[ABOVE:.*]] = arith.cmpi sge, %[[RAISED]], %[[M]] : index
// CHECK:           %[[MINUS:.*]] = arith.subi %[[RAISED]], %[[M]] : index
// CHECK:           %[[NEAR:.*]] = arith.select %[[ABOVE]], %[[MINUS]], %[[RAISED]] : index
// CHECK:           %[[INSIDE:.*]] = arith.cmpi ult, %[[NEAR]], %[[M]] : index
// CHECK:           %[[W:.*]] = scf.if %[[INSIDE]] -> (index) {
// CHECK-NEXT:        scf.yield %[[NEAR]] : index
// CHECK-NEXT:      } else {
// CHECK:             %[[R:.*]] = arith.remsi %[[I]], %[[M]] : index
// CHECK:             %[[NEG:.*]] = arith.cmpi slt, %[[R]], %{{.*}} : index
// CHECK:             %[[UP:.*]] = arith.addi %[[R]], %[[M]] : index
// CHECK:             %[[FAR:.*]] = arith.select %[[NEG]], %[[UP]], %[[R]] : index
// CHECK:             scf.yield %[[FAR]] : index
// CHECK:           tensor.extract %[[X]][%[[W]]]
// clamp
// CHECK:           %[[LOW:.*]] = arith.maxsi %[[I]], %{{.*}} : index
// CHECK:           %[[C:.*]] = arith.minsi %[[LOW]], %{{.*}} : index
// CHECK:           tensor.extract %[[X]][%[[C]]]
// mirror: period 2n, the upper half reflected
// CHECK:           %[[M2:.*]] = arith.maxsi %{{.*}}, %{{.*}} : index
// CHECK:           %[[PERIOD:.*]] = arith.addi %[[M2]], %[[M2]] : index
// CHECK:           arith.cmpi ult, %{{.*}}, %[[PERIOD]] : index
// CHECK:           scf.if
// CHECK:             arith.remsi %[[I]], %[[PERIOD]] : index
// CHECK:           %[[HIGH:.*]] = arith.cmpi sge, %{{.*}}, %[[M2]] : index
// CHECK:           %[[MI:.*]] = arith.select %[[HIGH]], %{{.*}}, %{{.*}} : index
// CHECK:           tensor.extract %[[X]][%[[MI]]]
// constant: read only inside, else the padding
// CHECK:           %[[IN:.*]] = arith.cmpi ult, %[[I]], %{{.*}} : index
// CHECK:           scf.if %[[IN]] -> (f32) {
// CHECK:             tensor.extract %[[X]][%[[I]]]
// CHECK:           } else {
// CHECK:             scf.yield %[[PAD]] : f32
// check: a run-time error with the location
// CHECK:           weft.check_index %[[I]], %{{.*}}, "s.weft:1:7: read of 'x' is out of bounds"
// CHECK:           tensor.extract %[[X]][%[[I]]]
func.func @policies(%n: index, %x: tensor<?xf32>, %pad: f32) -> tensor<?xf32> {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %i = weft.index 0
    %a = weft.read %x[%i] boundary <wrap> "s.weft:1:3: read of 'x'" : tensor<?xf32> -> f32
    %b = weft.read %x[%i] boundary <clamp> "s.weft:1:4: read of 'x'" : tensor<?xf32> -> f32
    %c = weft.read %x[%i] boundary <mirror> "s.weft:1:5: read of 'x'" : tensor<?xf32> -> f32
    %d = weft.read %x[%i] boundary <constant> padding(%pad : f32) "s.weft:1:6: read of 'x'" : tensor<?xf32> -> f32
    %e = weft.read %x[%i] boundary <check> "s.weft:1:7: read of 'x'" : tensor<?xf32> -> f32
    %s1 = arith.addf %a, %b : f32
    %s2 = arith.addf %s1, %c : f32
    %s3 = arith.addf %s2, %d : f32
    %s4 = arith.addf %s3, %e : f32
    weft.yield %s4 : f32
  }
  return %y : tensor<?xf32>
}

// -----

// any= starts at false and combines with ori; all= at true with andi.
// CHECK-LABEL: func.func @any_all
// CHECK:         %[[F:.*]] = arith.constant false
// CHECK:         linalg.fill ins(%[[F]] : i1)
// CHECK:         linalg.generic
// CHECK:           arith.ori
// CHECK:         %[[T:.*]] = arith.constant true
// CHECK:         linalg.fill ins(%[[T]] : i1)
// CHECK:         linalg.generic
// CHECK:           arith.andi
func.func @any_all(%n: index, %m: index, %b: tensor<?x?xi1>) -> (tensor<?xi1>, tensor<?xi1>) {
  %any = weft.equation ["i", "j"] = (%n, %m) combiner <any>
      ins(%b : tensor<?x?xi1>) reads [affine_map<(i, j) -> (i, j)>]
      writes affine_map<(i, j) -> (i)> -> tensor<?xi1> {
  ^bb0(%e: i1):
    weft.yield %e : i1
  }
  %all = weft.equation ["i", "j"] = (%n, %m) combiner <all>
      ins(%b : tensor<?x?xi1>) reads [affine_map<(i, j) -> (i, j)>]
      writes affine_map<(i, j) -> (i)> -> tensor<?xi1> {
  ^bb0(%e: i1):
    weft.yield %e : i1
  }
  return %any, %all : tensor<?xi1>, tensor<?xi1>
}

// -----

// Dimensions listed in `inside` are read at their subscript as it is; the
// others take the policy (here the first, wrapped; the padding's condition
// only checks the first too).
// CHECK-LABEL: func.func @inside
// CHECK:         linalg.generic
// CHECK:           %[[I:.*]] = linalg.index 0 : index
// CHECK:           %[[J:.*]] = linalg.index 1 : index
// CHECK:           %[[W:.*]] = scf.if
// CHECK:           tensor.extract %{{.*}}[%[[W]], %[[J]]]
// CHECK:           %[[OK:.*]] = arith.cmpi ult, %[[I]], %{{.*}} : index
// CHECK-NOT:       arith.cmpi ult, %[[J]]
// CHECK:           scf.if %[[OK]] -> (f32) {
// CHECK:             tensor.extract %{{.*}}[%[[I]], %[[J]]]
func.func @inside(%n: index, %m: index, %x: tensor<?x?xf32>, %pad: f32) -> tensor<?x?xf32> {
  %y = weft.equation ["i", "j"] = (%n, %m) combiner <none>
      reads [] writes affine_map<(i, j) -> (i, j)> -> tensor<?x?xf32> {
    %i = weft.index 0
    %j = weft.index 1
    %a = weft.read %x[%i, %j] boundary <wrap> "s.weft:1:1: read of 'x'" {inside = array<i64: 1>} : tensor<?x?xf32> -> f32
    %b = weft.read %x[%i, %j] boundary <constant> padding(%pad : f32) "s.weft:1:2: read of 'x'" {inside = array<i64: 1>} : tensor<?x?xf32> -> f32
    %s = arith.addf %a, %b : f32
    weft.yield %s : f32
  }
  return %y : tensor<?x?xf32>
}

// -----

// A dimension with a base index is read as it is where its subscript
// equals that index's value (the window's centre); elsewhere the policy
// maps it.
// CHECK-LABEL: func.func @bases
// CHECK:         linalg.generic
// CHECK:           %[[I:.*]] = linalg.index 0 : index
// CHECK:           %[[S:.*]] = arith.addi %[[I]], %{{.*}} : index
// CHECK:           %[[LOW:.*]] = arith.maxsi %[[S]], %{{.*}} : index
// CHECK:           %[[C:.*]] = arith.minsi %[[LOW]], %{{.*}} : index
// CHECK:           %[[SAME:.*]] = arith.cmpi eq, %[[S]], %[[I]] : index
// CHECK:           %[[SUB:.*]] = arith.select %[[SAME]], %[[S]], %[[C]] : index
// CHECK:           tensor.extract %{{.*}}[%[[SUB]]]
func.func @bases(%n: index, %x: tensor<?xf32>) -> tensor<?xf32> {
  %c3 = arith.constant 3 : index
  %m1 = arith.constant -1 : index
  %c0 = arith.constant 0 : index
  %y = weft.equation ["i", "d"] = (%n, %c3) from(%c0, %m1) combiner <add>
      reads [] writes affine_map<(i, d) -> (i)> -> tensor<?xf32> {
    %i = weft.index 0
    %d = weft.index 1
    %s = arith.addi %i, %d : index
    %v = weft.read %x[%s] boundary <clamp> "s.weft:1:1: read of 'x'" {bases = array<i64: 0>} : tensor<?xf32> -> f32
    weft.yield %v : f32
  }
  return %y : tensor<?xf32>
}
