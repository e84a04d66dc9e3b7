// The alerts list's query parameters, read once for the DSL's Alerts routes
// and the teacher's Class alerts routes:
//
//   person=  group=  class=  category=  state=  open=1  level=  since_hours=  limit=
//
// and an alert's id=. A bad value is kInvalidArgument naming the
// parameter, for a 400.
#pragma once

#include "alerts/alert.h"
#include "console/api_types.h"
#include "core/clock.h"
#include "core/status.h"

namespace esafety::console {

Result<alerts::AlertFilter> alertFilterParams(const ApiRequest& req, const Clock& clock);
// id=N of an alert's detail: kInvalidArgument "id: ..." unless a number > 0.
Result<int64_t> alertIdParam(const ApiRequest& req);

}  // namespace esafety::console
