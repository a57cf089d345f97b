#pragma once

#include "sanad/server/database.h"

#include <memory>
#include <string>

namespace sanad::server {

/// The schema migrations both engines share: how many, and the script of one (0-based) with
/// the engine's 64-bit integer type put in.
int migrationCount();
std::string migrationScript(int index, const std::string& int64Type);

/// The work of migration `index` (0-based) that is not SQL (a backfill computed in C++), run
/// after its script in the same transaction.
void afterScript(Poco::Data::Session& session, int index);

/// Runs a migration script statement by statement (Poco runs one statement per call).
void runScript(Poco::Data::Session& session, const std::string& script);

/// The PostgreSQL implementation (database_postgres.cpp), or a StorageError saying this build
/// has none.
std::unique_ptr<Database> openPostgres(const std::string& url);

}  // namespace sanad::server
