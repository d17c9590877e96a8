//===- BoundaryReads.cpp - weft.read to tensor.extract --------------------===//
//
// Each boundary policy maps a subscript s of a dimension of extent n into
// [0, n) (wrap, clamp, mirror), or says whether it is inside (constant,
// check). Wrap, clamp and mirror have nothing to read in an empty array:
// checkReadable fails then, once before the equation's loops. The divisors
// are max(n, 1), so that the arithmetic itself never divides by zero.
//
//===----------------------------------------------------------------------===//
#include "BoundaryReads.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace weft;

/// `s mod m` in [0, m) for m > 0 (arith.remsi keeps the sign of s).
static Value positiveRemByDivision(OpBuilder &b, Location loc, Value s,
                                   Value m) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value r = arith::RemSIOp::create(b, loc, s, m);
  Value negative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, r, zero);
  Value shifted = arith::AddIOp::create(b, loc, r, m);
  return arith::SelectOp::create(b, loc, negative, shifted, r);
}

/// `s mod m` in [0, m) for m > 0. A stencil's subscripts past an edge lie
/// in [-m, 2m): one add or subtract brings them into [0, m), where a
/// 64-bit division costs tens of cycles per read (Life's edge cells read
/// nine). Only subscripts further away divide.
static Value positiveRem(OpBuilder &b, Location loc, Value s, Value m) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value below =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, s, zero);
  Value raised = arith::SelectOp::create(
      b, loc, below, arith::AddIOp::create(b, loc, s, m), s);
  Value above =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, raised, m);
  Value near = arith::SelectOp::create(
      b, loc, above, arith::SubIOp::create(b, loc, raised, m), raised);
  // Unsigned: a negative `near` (s < -m) is outside too.
  Value inside =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, near, m);
  auto ifOp = scf::IfOp::create(
      b, loc, inside,
      [&](OpBuilder &then, Location l) { scf::YieldOp::create(then, l, near); },
      [&](OpBuilder &otherwise, Location l) {
        scf::YieldOp::create(otherwise, l,
                             positiveRemByDivision(otherwise, l, s, m));
      });
  return ifOp.getResult(0);
}

/// The subscript that `policy` reads for `s` in a dimension of extent `n`
/// (wrap, clamp, mirror only).
static Value mapSubscript(OpBuilder &b, Location loc, BoundaryKind policy,
                          Value s, Value n) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value atLeastOne = arith::MaxSIOp::create(b, loc, n, one);
  switch (policy) {
  case BoundaryKind::wrap:
    return positiveRem(b, loc, s, atLeastOne);
  case BoundaryKind::clamp: {
    Value last = arith::SubIOp::create(b, loc, atLeastOne, one);
    Value low = arith::MaxSIOp::create(b, loc, s, zero);
    return arith::MinSIOp::create(b, loc, low, last);
  }
  case BoundaryKind::mirror: {
    // Period 2n: s, reflected at -1/2 and n - 1/2 (edges repeated).
    Value period = arith::AddIOp::create(b, loc, atLeastOne, atLeastOne);
    Value r = positiveRem(b, loc, s, period);
    Value upper =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, r, atLeastOne);
    Value periodMinusOne = arith::SubIOp::create(b, loc, period, one);
    Value reflected = arith::SubIOp::create(b, loc, periodMinusOne, r);
    return arith::SelectOp::create(b, loc, upper, reflected, r);
  }
  default:
    return s;
  }
}

void weft::checkReadable(OpBuilder &b, ReadOp read, Value array,
                         Value iterations) {
  BoundaryKind policy = read.getBoundary();
  if (policy != BoundaryKind::wrap && policy != BoundaryKind::clamp &&
      policy != BoundaryKind::mirror)
    return;
  Location loc = read.getLoc();
  auto type = cast<RankedTensorType>(array.getType());
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value none = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                     iterations, zero);
  std::string message =
      (read.getMessage() + " has no element to read: the array is empty")
          .str();
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!type.isDynamicDim(d) && type.getDimSize(d) > 0)
      continue;
    // Subscript 0 is in [0, n) unless n is 0; no iterations need nothing.
    Value n = tensor::DimOp::create(b, loc, array, d);
    Value extent = arith::SelectOp::create(b, loc, none, one, n);
    CheckIndexOp::create(b, loc, zero, extent, message);
  }
}

Value weft::expandRead(OpBuilder &b, ReadOp read, Value array,
                       ValueRange subscripts, ArrayRef<Value> bases,
                       Value padding) {
  Location loc = read.getLoc();
  BoundaryKind policy = read.getBoundary();
  StringRef message = read.getMessage();
  SmallVector<Value> indices;
  Value inside; // boundary <constant>: every subscript is in range
  ArrayRef<int64_t> known = read.getInside().value_or(ArrayRef<int64_t>());
  for (auto [d, s] : llvm::enumerate(subscripts)) {
    if (llvm::is_contained(known, int64_t(d))) {
      indices.push_back(s);
      continue;
    }
    Value n = tensor::DimOp::create(b, loc, array, d);
    switch (policy) {
    case BoundaryKind::none:
      indices.push_back(s);
      break;
    case BoundaryKind::check:
      CheckIndexOp::create(b, loc, s, n, (message + " is out of bounds").str());
      indices.push_back(s);
      break;
    case BoundaryKind::wrap:
    case BoundaryKind::clamp:
    case BoundaryKind::mirror: {
      Value mapped = mapSubscript(b, loc, policy, s, n);
      // s equal to an index that covers the dimension is inside it.
      if (Value base = bases[d]) {
        Value same =
            arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, s, base);
        mapped = arith::SelectOp::create(b, loc, same, s, mapped);
      }
      indices.push_back(mapped);
      break;
    }
    case BoundaryKind::constant: {
      // An unsigned comparison also rejects negative subscripts.
      Value ok =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, s, n);
      inside = inside ? arith::AndIOp::create(b, loc, inside, ok) : ok;
      indices.push_back(s);
      break;
    }
    }
  }
  if (policy != BoundaryKind::constant || !inside)
    return tensor::ExtractOp::create(b, loc, array, indices);
  auto ifOp = scf::IfOp::create(
      b, loc, inside,
      [&](OpBuilder &then, Location l) {
        Value v = tensor::ExtractOp::create(then, l, array, indices);
        scf::YieldOp::create(then, l, v);
      },
      [&](OpBuilder &otherwise, Location l) {
        scf::YieldOp::create(otherwise, l, padding);
      });
  return ifOp.getResult(0);
}
