// Migrations: numbered, applied once, idempotent on reopen, and a database
// newer than the binary is refused.
#include <sqlite3.h>

#include "sqlite/migrator.h"
#include "store/embedded_files.h"
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using ::testing::HasSubstr;

class MigrationsTest : public StoreTest {};

TEST(Migrations, EmbeddedScriptsAreNumberedFromOneWithoutGaps) {
  auto migrations = sqlite::migrations(storeMigrations());
  ESAFETY_ASSERT_OK(migrations);
  ASSERT_FALSE(migrations->empty());
  for (size_t i = 0; i < migrations->size(); ++i) {
    EXPECT_EQ((*migrations)[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE((*migrations)[i].sql.empty());
  }
  EXPECT_EQ((*migrations)[0].name, "0001_init.sql");
  EXPECT_EQ(sqlite::latestVersion(storeMigrations()), static_cast<int>(migrations->size()));
}

TEST_F(MigrationsTest, ANewDatabaseIsAtTheLatestVersion) {
  auto version = store_->schemaVersion();
  ESAFETY_ASSERT_OK(version);
  EXPECT_EQ(*version, sqlite::latestVersion(storeMigrations()));
  RawDb raw(dbPath());
  EXPECT_EQ(raw.queryText("SELECT count(*) FROM schema_migrations"),
            std::to_string(sqlite::latestVersion(storeMigrations())));
  EXPECT_EQ(raw.queryText("SELECT applied_at FROM schema_migrations WHERE version = 1"),
            std::to_string(kStartTime));
  EXPECT_EQ(raw.queryText("PRAGMA journal_mode"), "wal");
}

TEST_F(MigrationsTest, ReopeningChangesNothingAndKeepsTheData) {
  addCategory("games");
  clock_.setUnix(kStartTime + 86400);
  reopen();
  reopen();
  auto version = store_->schemaVersion();
  ESAFETY_ASSERT_OK(version);
  EXPECT_EQ(*version, sqlite::latestVersion(storeMigrations()));
  RawDb raw(dbPath());
  EXPECT_EQ(raw.queryText("SELECT count(*) FROM schema_migrations"),
            std::to_string(sqlite::latestVersion(storeMigrations())));
  EXPECT_EQ(raw.queryText("SELECT max(applied_at) FROM schema_migrations"),
            std::to_string(kStartTime));
  auto games = store_->category(school_, "games");
  ESAFETY_ASSERT_OK(games);
  EXPECT_TRUE(games->has_value());
}

TEST_F(MigrationsTest, ADatabaseFromANewerEsafetyIsRefused) {
  {
    RawDb raw(dbPath());
    ASSERT_EQ(raw.exec("INSERT INTO schema_migrations VALUES (999, 0)"), SQLITE_OK);
  }
  store_.reset();
  auto opened = openSqliteStore(dbPath(), clock_);
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(opened.status().message(), HasSubstr("schema version 999"));
  EXPECT_THAT(opened.status().message(), HasSubstr("run a newer esafety"));
}

TEST_F(MigrationsTest, EveryTableBelongsToASchool) {
  RawDb raw(dbPath());
  // Tables with no school_id foreign key to schools, other than the two that
  // cannot have one and the installation's one wrapped data key (as its key
  // file is the installation's, records/sealer.h).
  EXPECT_EQ(raw.queryText(
                "SELECT coalesce(group_concat(m.name), '') FROM sqlite_schema m"
                " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
                " AND m.name NOT IN ('schema_migrations', 'schools', 'record_keys')"
                " AND NOT EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) f"
                "   WHERE f.\"table\" = 'schools' AND f.\"from\" = 'school_id')"),
            "");
  EXPECT_EQ(raw.queryText("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                          " AND name IN ('categories', 'filter_groups', 'group_categories',"
                          " 'time_rules', 'local_entries', 'devices', 'list_sources', 'settings',"
                          " 'audit_log')"),
            "9");
}

TEST(MigrationsForeign, AnotherProgramsSqliteFileIsRefused) {
  TempDir dir;
  const std::string path = dir.file("other.db");
  {
    RawDb raw(path);
    ASSERT_EQ(raw.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY)"), SQLITE_OK);
  }
  FakeClock clock{LocalTime{}};
  auto opened = openSqliteStore(path, clock);
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(opened.status().message(), HasSubstr("is not an esafety database"));
  RawDb raw(path);
  EXPECT_EQ(raw.queryText("SELECT count(*) FROM sqlite_schema WHERE name = 'schools'"), "0");
}

TEST(MigrationsForeign, AFirstMigrationThatNeverRanIsCarriedOn) {
  // What a first open leaves behind if the database was busy.
  TempDir dir;
  const std::string path = dir.file("esafety.db");
  {
    RawDb raw(path);
    ASSERT_EQ(raw.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                       " applied_at INTEGER NOT NULL)"),
              SQLITE_OK);
  }
  FakeClock clock{LocalTime{}};
  auto opened = openSqliteStore(path, clock);
  ESAFETY_ASSERT_OK(opened);
  auto version = (*opened)->schemaVersion();
  ESAFETY_ASSERT_OK(version);
  EXPECT_EQ(*version, sqlite::latestVersion(storeMigrations()));
}

}  // namespace
}  // namespace esafety::store::testing
