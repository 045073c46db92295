// The units the Engine composes (private: engine.cpp and the case file's Save / Load).
#pragma once

#include "accounts/account_store.h"
#include "case/case_notes.h"
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
};

}  // namespace swarmlens
