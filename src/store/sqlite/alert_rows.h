// SqliteStore's reading of an `alerts` row, shared by the alerts' own
// queries (sqlite_store_alerts.cc) and the report's (sqlite_store_report.cc):
// select kAlertColumns first, then readAlertRow() reads columns 0-16.
#pragma once

#include "alerts/alert.h"
#include "core/status.h"
#include "sqlite/statement.h"

namespace esafety::store {

extern const char* const kAlertColumns;
Result<alerts::Alert> readAlertRow(const sqlite::Statement& row);

}  // namespace esafety::store
