// Migrations: numbered, applied once, idempotent on reopen, and a database
// newer than the binary is refused.
#include <sqlite3.h>

#include <fmt/format.h>

#include "sqlite/migrator.h"
#include "store/embedded_files.h"
#include "store/sqlite/sqlite_store.h"
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

// 0011 rebuilds the people table (its role CHECK takes deputy_dsl): on a
// database made by the schema before it, every person, and every row that
// points at a person, is still there and still points at them; the foreign
// keys are still enforced afterwards.
TEST(MigrationsUpgrade, ThePeopleRebuildKeepsEveryoneAndTheirReferences) {
  TempDir dir;
  const std::string path = dir.file("esafety.db");
  FakeClock clock{LocalTime{}};
  clock.setUnix(1772530200);
  const sqlite::EmbeddedFiles old_files(sqliteMigrationFiles().begin(),
                                        sqliteMigrationFiles().begin() + 10);
  ASSERT_EQ(old_files.back().first, "0010_mail_outbox.sql");
  const sqlite::MigrationSet old_set{.what = "database", .files = &old_files};
  int64_t dsl = 0, pupil = 0;
  SchoolId school = 0;
  {
    auto db = sqlite::Database::open(path, {});
    ESAFETY_ASSERT_OK(db);
    ESAFETY_ASSERT_OK(sqlite::migrate(**db, old_set, clock));
    // Off while migrating, on again after.
    auto keys = (*db)->prepare("PRAGMA foreign_keys");
    ESAFETY_ASSERT_OK(keys);
    ASSERT_TRUE(*keys->step());
    EXPECT_EQ(keys->int64At(0), 1);
    keys = (*db)->prepare("SELECT 1");  // done with the pragma
    SqliteStore old_store(std::move(*db), clock);
    auto made = old_store.createSchool("Old Primary", "100001", "setup");
    ESAFETY_ASSERT_OK(made);
    school = *made;
    auto staff = old_store.addPerson(school, {.kind = identity::PersonKind::kStaff, .name = "Sam Lee",
                                              .role = identity::Role::kDsl, .login = "s.lee@school.example",
                                              .email = "s.lee@school.example"}, "head");
    ESAFETY_ASSERT_OK(staff);
    dsl = *staff;
    ESAFETY_ASSERT_OK(old_store.importPupils(
        school, {{.kind = identity::PersonKind::kPupil, .name = "Amira Khan", .role = identity::Role::kPupil,
                  .upn = "B801200005001", .date_of_birth = "2017-05-04", .year = 3, .class_name = "Oak"}},
        "office"));
    // Read raw: the store's own reads name columns later migrations add.
    pupil = std::stoll(RawDb(path).queryText("SELECT id FROM people WHERE upn = 'B801200005001'"));
    ESAFETY_ASSERT_OK(old_store.addContact(school, {.name = "Mum", .pupils = {pupil}}, "office"));
    RawDb raw(path);
    ASSERT_EQ(raw.exec(fmt::format("INSERT INTO sanctions (school_id, person_id, kind, reason, applied_by, applied_at)"
                                   " VALUES ({}, {}, 'restrict', 'test', 'head', 1772530200)",
                                   school, dsl)),
              SQLITE_OK)
        << raw.lastError();
  }
  auto upgraded = openSqliteStore(path, clock);
  ESAFETY_ASSERT_OK(upgraded);
  Store& store = **upgraded;
  EXPECT_EQ(*store.schemaVersion(), sqlite::latestVersion(storeMigrations()));
  auto people = store.people(school);
  ESAFETY_ASSERT_OK(people);
  EXPECT_EQ(people->size(), 2u);
  EXPECT_EQ(store.personByLogin(school, "S.LEE@school.example")->value().id, dsl);
  EXPECT_EQ(store.contacts(school)->front().pupils, std::vector<int64_t>{pupil});
  EXPECT_EQ(store.activeSanctions(school, 1772530300)->front().person, dsl);
  ESAFETY_EXPECT_OK(store.addPerson(school, {.kind = identity::PersonKind::kStaff, .name = "Deputy",
                                             .role = identity::Role::kDeputyDsl,
                                             .login = "deputy@school.example"}, "head").status());
  RawDb raw(path);
  EXPECT_EQ(raw.queryText("SELECT count(*) FROM pragma_foreign_key_check"), "0");
  EXPECT_EQ(raw.queryText("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'people'"
                          " AND name IN ('people_upn', 'people_login', 'people_kind')"),
            "3");
  EXPECT_EQ(raw.queryText("SELECT count(*) FROM sqlite_schema WHERE name = 'people_new'"), "0");
  // The references still point at the rebuilt table: a sanction for nobody
  // breaks them.
  ASSERT_EQ(raw.exec("PRAGMA foreign_keys = ON"), SQLITE_OK);
  EXPECT_NE(raw.exec(fmt::format("INSERT INTO sanctions (school_id, person_id, kind, reason, applied_by,"
                                 " applied_at) VALUES ({}, 9999, 'restrict', 'x', 'y', 0)", school)),
            SQLITE_OK);
  EXPECT_THAT(raw.lastError(), HasSubstr("FOREIGN KEY"));
}

}  // namespace
}  // namespace esafety::store::testing
