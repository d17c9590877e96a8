//===- SemaAffine.cpp - affine subscripts ---------------------------------===//
#include "SemaAffine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>

using namespace weft;
using namespace weft::sema;

std::optional<std::string> Affine::plainIndex() const {
  if (constant == 0 && terms.size() == 1 && terms[0].second == 1)
    return terms[0].first;
  return std::nullopt;
}

bool Affine::add(const Affine &other, int64_t scale) {
  std::optional<int64_t> c = llvm::checkedMulAdd(scale, other.constant,
                                                 constant);
  if (!c)
    return false;
  constant = *c;
  for (const auto &[name, coeff] : other.terms) {
    auto it = std::find_if(terms.begin(), terms.end(),
                           [&](const auto &t) { return t.first == name; });
    std::optional<int64_t> sum = llvm::checkedMulAdd(
        scale, coeff, it == terms.end() ? int64_t(0) : it->second);
    if (!sum)
      return false;
    if (it == terms.end()) {
      if (*sum != 0)
        terms.emplace_back(name, *sum);
    } else if (*sum == 0) {
      terms.erase(it);
    } else {
      it->second = *sum;
    }
  }
  return true;
}

std::string Affine::toString() const {
  std::string s;
  for (const auto &[name, coeff] : terms) {
    if (!s.empty())
      s += coeff < 0 ? " - " : " + ";
    else if (coeff < 0)
      s += "-";
    int64_t magnitude = coeff < 0 ? -coeff : coeff;
    if (magnitude != 1)
      s += std::to_string(magnitude) + "*";
    s += name;
  }
  if (s.empty())
    return std::to_string(constant);
  if (constant != 0)
    s += (constant < 0 ? " - " : " + ") +
         std::to_string(constant < 0 ? -constant : constant);
  return s;
}

Affine sema::dimAffine(const ast::Dim &dim) {
  Affine a;
  if (dim.kind == ast::Dim::Kind::Constant) {
    a.constant = dim.constant;
  } else {
    a.terms.emplace_back(dim.symbol, 1);
    a.constant = dim.offset;
  }
  return a;
}

ast::Dim sema::dimOf(const ast::Extent &extent) {
  ast::Dim dim;
  dim.kind = extent.kind == ast::Extent::Kind::Constant
                 ? ast::Dim::Kind::Constant
                 : ast::Dim::Kind::Symbol;
  dim.constant = extent.constant;
  dim.symbol = extent.symbol;
  dim.offset = extent.offset;
  return dim;
}

bool sema::provablyInBounds(const Affine &subscript,
                            const llvm::StringMap<IndexRange> &ranges,
                            const Affine &dim) {
  Affine lo, hi; // the least and greatest value, affine in shape symbols
  lo.constant = hi.constant = subscript.constant;
  for (const auto &[name, coeff] : subscript.terms) {
    auto it = ranges.find(name);
    if (it == ranges.end()) { // a shape symbol
      Affine symbol;
      symbol.terms.emplace_back(name, coeff);
      if (!lo.add(symbol, 1) || !hi.add(symbol, 1))
        return false;
      continue;
    }
    Affine last = it->second.hi;
    if (!last.add(Affine{{}, 1}, -1))
      return false;
    const Affine &least = coeff > 0 ? it->second.lo : last;
    const Affine &greatest = coeff > 0 ? last : it->second.lo;
    if (!lo.add(least, coeff) || !hi.add(greatest, coeff))
      return false;
  }
  // lo >= 0 and dim - 1 - hi >= 0 for all symbols >= 0.
  Affine room = dim;
  if (!room.add(hi, -1) || !room.add(Affine{{}, 1}, -1))
    return false;
  auto nonNegative = [](const Affine &a) {
    return a.constant >= 0 && llvm::all_of(a.terms, [](const auto &t) {
             return t.second >= 0;
           });
  };
  return nonNegative(lo) && nonNegative(room);
}
