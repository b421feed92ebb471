/* va-problems-panel.h — the bot's problems as a list; activating one shows its place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "va-bot.h"
#include "va-history.h"

G_BEGIN_DECLS

#define VA_TYPE_PROBLEMS_PANEL (va_problems_panel_get_type ())
G_DECLARE_FINAL_TYPE (VaProblemsPanel, va_problems_panel, VA, PROBLEMS_PANEL, GtkWidget)

/* Properties: "bot"; "history" (the bot's undo history); "n-problems" (uint, read-only, also
 * notified when only the per-topic counts change). Signal "problem-activated" (const char
 * *topic_id, const char *node_id (nullable)).
 *
 * The panel checks the bot at once when it is set, then again 300 ms after the last change:
 * every change that goes through "history" (that is, every edit), a topic added or removed, a
 * bot setting changed. va_problems_panel_queue_check() asks for a check after any other change. */
GtkWidget  *va_problems_panel_new             (void);
void        va_problems_panel_set_bot         (VaProblemsPanel *self,
                                               VaBot           *bot);
VaBot      *va_problems_panel_get_bot         (VaProblemsPanel *self);
void        va_problems_panel_set_history     (VaProblemsPanel *self,
                                               VaHistory       *history);
VaHistory  *va_problems_panel_get_history     (VaProblemsPanel *self);
void        va_problems_panel_queue_check     (VaProblemsPanel *self);
GListModel *va_problems_panel_get_problems    (VaProblemsPanel *self);
guint       va_problems_panel_get_n_problems  (VaProblemsPanel *self);
guint       va_problems_panel_count_for_topic (VaProblemsPanel *self,
                                               const char      *topic_id);

G_END_DECLS
