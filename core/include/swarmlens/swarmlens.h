// swarmlens: local bot-risk scoring for Instagram follower lists.
//
// Example (runnable; see cli/main.cpp for the full program):
//
//   #include "swarmlens/swarmlens.h"
//   swarmlens::Engine engine;
//   auto r = engine.Ingest(json_text, {.name = "followers_page_1.json",
//                                      .list = swarmlens::ListKind::kFollowers, .owner = "activist"});
//   if (!r) { std::fprintf(stderr, "%s\n", r.error().ToString().c_str()); return 1; }
//   for (const auto& s : engine.Ranked())
//     std::printf("%-30s %.2f %s\n", s.account->username.c_str(), s.score.score,
//                 swarmlens::LevelName(s.score.level));
#pragma once

#include "swarmlens/account.h"
#include "swarmlens/avatar_clusters.h"
#include "swarmlens/engine.h"
#include "swarmlens/error.h"
#include "swarmlens/image_hash.h"
#include "swarmlens/ingest.h"
#include "swarmlens/report.h"
#include "swarmlens/score.h"
