// The units the Engine composes (private: engine.cpp and the case file's Save / Load).
#pragma once

#include "accounts/account_store.h"
#include "case/allowlist.h"
#include "case/case_notes.h"
#include "case/evidence_log.h"
#include "comments/comment_threads.h"
#include "images/picture_store.h"
#include "swarm/list_swarm.h"
#include "swarm/update_tracker.h"
#include "swarmlens/engine.h"

namespace swarmlens {

/// Each unit keeps its own state and saves and loads it alone (one section of the case file each).
struct Engine::State {
  AccountStore accounts;    ///< Accounts and their pk / username indexes.
  PictureStore pictures;    ///< Profile pictures per account.
  ListSwarms lists;         ///< Per list: the swarm analysis; per account: its lists.
  CommentStore comments;    ///< Comments, threads, per account: its threads.
  UpdateTracker reported;   ///< What was last reported per account (IngestSummary::updated).
  CaseNotes notes;          ///< The caller's notes (Engine::SetNote).
  EvidenceLog evidence;     ///< Payloads ingested (SHA-256, capture time) and who was seen in which.
  swarmlens::Allowlist allowlist;  ///< Accounts the person marked as known (Engine::Allow).
};

}  // namespace swarmlens
