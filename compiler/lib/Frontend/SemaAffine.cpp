//===- SemaAffine.cpp - affine subscripts ---------------------------------===//
#include "SemaAffine.h"

#include <algorithm>

using namespace weft;
using namespace weft::sema;

std::optional<std::string> Affine::plainIndex() const {
  if (constant == 0 && terms.size() == 1 && terms[0].second == 1)
    return terms[0].first;
  return std::nullopt;
}

void Affine::add(const Affine &other, int64_t scale) {
  constant += scale * other.constant;
  for (const auto &[name, coeff] : other.terms) {
    auto it = std::find_if(terms.begin(), terms.end(),
                           [&](const auto &t) { return t.first == name; });
    if (it == terms.end()) {
      terms.emplace_back(name, scale * coeff);
      continue;
    }
    it->second += scale * coeff;
    if (it->second == 0)
      terms.erase(it);
  }
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
  int64_t lo = subscript.constant, hi = subscript.constant;
  for (const auto &[name, coeff] : subscript.terms) {
    auto it = extents.find(name);
    if (it == extents.end() || it->second.kind != ast::Extent::Kind::Constant)
      return false;
    int64_t span = coeff * (it->second.constant - 1);
    lo += std::min<int64_t>(0, span);
    hi += std::max<int64_t>(0, span);
  }
  return lo >= 0 && hi < dim.constant;
}
