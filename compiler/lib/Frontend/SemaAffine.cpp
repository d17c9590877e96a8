//===- SemaAffine.cpp - affine subscripts ---------------------------------===//
#include "SemaAffine.h"

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

bool sema::provablyInBounds(const Affine &subscript,
                            const llvm::StringMap<ast::Extent> &extents,
                            const ast::Dim &dim) {
  if (dim.kind != ast::Dim::Kind::Constant)
    return false;
  std::optional<int64_t> lo = subscript.constant, hi = subscript.constant;
  for (const auto &[name, coeff] : subscript.terms) {
    auto it = extents.find(name);
    if (it == extents.end() || it->second.kind != ast::Extent::Kind::Constant)
      return false;
    // An index with an empty range reads nothing; count it as 0..1.
    int64_t last = std::max<int64_t>(0, it->second.constant - 1);
    std::optional<int64_t> span = llvm::checkedMul(coeff, last);
    if (!span)
      return false;
    lo = llvm::checkedAdd(*lo, std::min<int64_t>(0, *span));
    hi = llvm::checkedAdd(*hi, std::max<int64_t>(0, *span));
    if (!lo || !hi)
      return false;
  }
  return *lo >= 0 && *hi < dim.constant;
}
