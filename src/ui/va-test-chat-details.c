/* va-test-chat-details.c — the test chat's details pane: the variables, and how the recognizer
 * ranked the topics for the last user message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-bot-recognizer.h"
#include "va-test-chat-private.h"

void
va_test_chat_refresh_variables (VaTestChat *self)
{
  g_autoptr(JsonNode) variables = NULL;
  guint n;

  if (self->conversation != NULL)
    variables = va_conversation_variables_to_json (self->conversation);
  n = va_chat_fill_variables (self->variables_list, variables);
  gtk_widget_set_visible (GTK_WIDGET (self->variables_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->variables_empty), n == 0);
}

void
va_test_chat_reset_recognition (VaTestChat *self)
{
  va_chat_list_clear (self->recognition_list);
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_decision), FALSE);
  gtk_label_set_text (self->recognition_said,
                      _("Send a message to see which topics it matches."));
}

/* A new user message: whether it goes to the recognizer is not known yet. */
void
va_test_chat_recognition_for_message (VaTestChat *self,
                                      const char *text)
{
  g_autofree char *said = g_strdup_printf (_("You said “%s”"), text);

  va_chat_list_clear (self->recognition_list);
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_list), FALSE);
  gtk_label_set_text (self->recognition_said, said);
  /* Replaced if the message goes to the recognizer. */
  gtk_label_set_text (self->recognition_decision,
                      _("Not recognized: the message answered the bot’s question, or went to the "
                        "agent."));
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_decision), TRUE);
}

void
va_test_chat_show_recognition (VaTestChat *self,
                               VaEvent    *event)
{
  g_autofree char *decision = NULL;
  guint n;

  n = va_chat_fill_ranks (self->recognition_list, event,
                          va_conversation_get_recognizer (self->conversation),
                          self->last_user_text, va_bot_get_threshold_score (self->bot));
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_list), n > 0);

  if (g_strcmp0 (event->name, "match") == 0)
    /* Translators: %s is the name of the topic that the message starts. */
    decision = g_strdup_printf (_("Match: starts “%s”."),
                                event->topic_name != NULL ? event->topic_name : "");
  else if (g_strcmp0 (event->name, "multiple") == 0)
    decision = g_strdup (_("Several topics matched closely: the bot asks which one was meant."));
  else
    decision = g_strdup (_("Nothing matched well enough: the Fallback topic answers."));
  gtk_label_set_text (self->recognition_decision, decision);
  gtk_widget_set_visible (GTK_WIDGET (self->recognition_decision), TRUE);
}

/* Shown: give the details their height, up to about half of the panel. */
static void
details_toggled (GtkToggleButton *button,
                 VaTestChat      *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->paned));
  int natural = 0;

  if (!gtk_toggle_button_get_active (button) || height <= 0)
    return;
  gtk_widget_measure (self->details, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (self->details),
                      NULL, &natural, NULL, NULL);
  natural = MIN (MAX (natural, 240), height / 2);
  gtk_paned_set_position (self->paned, height - natural);
}

void
va_test_chat_init_details (VaTestChat *self)
{
  g_signal_connect_after (self->details_button, "toggled", G_CALLBACK (details_toggled), self);
}
