#include "store/sqlite/action_text.h"

namespace esafety::store {

std::string_view actionText(policy::Action action) {
  return action == policy::Action::kAllow ? "allow" : "block";
}

std::optional<policy::Action> actionFromText(std::string_view text) {
  if (text == "allow") return policy::Action::kAllow;
  if (text == "block") return policy::Action::kBlock;
  return std::nullopt;
}

}  // namespace esafety::store
