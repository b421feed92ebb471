/* va-problems-panel.h — the bot's problems as a list; activating one shows its place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "va-bot.h"

G_BEGIN_DECLS

#define VA_TYPE_PROBLEMS_PANEL (va_problems_panel_get_type ())
G_DECLARE_FINAL_TYPE (VaProblemsPanel, va_problems_panel, VA, PROBLEMS_PANEL, GtkWidget)

/* Properties: "bot"; "n-problems" (uint, read-only). Re-checks the bot (debounced) whenever it
 * changes. Signal "problem-activated" (const char *topic_id, const char *node_id (nullable)). */
GtkWidget *va_problems_panel_new            (void);
void       va_problems_panel_set_bot        (VaProblemsPanel *self,
                                             VaBot           *bot);
guint      va_problems_panel_get_n_problems (VaProblemsPanel *self);
guint      va_problems_panel_count_for_topic (VaProblemsPanel *self,
                                              const char      *topic_id);

G_END_DECLS
