/* va-problems-panel.c — problems list (placeholder until it lands)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-problems-panel.h"

struct _VaProblemsPanel
{
  GtkWidget  parent_instance;
  VaBot     *bot;
};

G_DEFINE_FINAL_TYPE (VaProblemsPanel, va_problems_panel, GTK_TYPE_WIDGET)

enum { SIGNAL_PROBLEM_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
va_problems_panel_dispose (GObject *object)
{
  g_clear_object (&VA_PROBLEMS_PANEL (object)->bot);
  G_OBJECT_CLASS (va_problems_panel_parent_class)->dispose (object);
}

static void
va_problems_panel_class_init (VaProblemsPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = va_problems_panel_dispose;
  signals[SIGNAL_PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
va_problems_panel_init (VaProblemsPanel *self)
{
}

GtkWidget *va_problems_panel_new (void) { return g_object_new (VA_TYPE_PROBLEMS_PANEL, NULL); }
void va_problems_panel_set_bot (VaProblemsPanel *self, VaBot *bot) { g_set_object (&self->bot, bot); }
guint va_problems_panel_get_n_problems (VaProblemsPanel *self) { return 0; }
guint va_problems_panel_count_for_topic (VaProblemsPanel *self, const char *topic_id) { return 0; }
