/* va-test-chat-private.h — the rows of the test chat, and what its tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "va-test-chat.h"

G_BEGIN_DECLS

typedef enum
{
  VA_CHAT_SENDER_NONE,  /* a notice: the next message starts a new group */
  VA_CHAT_SENDER_USER,
  VA_CHAT_SENDER_BOT,
  VA_CHAT_SENDER_AGENT,
} VaChatSender;

typedef enum
{
  VA_CHAT_NOTICE_TOPIC,
  VA_CHAT_NOTICE_INFO,
  VA_CHAT_NOTICE_ERROR,
} VaChatNotice;

/* va-test-chat-rows.c: the widgets, built in code because each event makes one. Buttons and links
 * in them activate the panel's "chat." actions, so the rows need no pointer to the panel. */
void       va_test_chat_load_style        (GdkDisplay         *display);
char      *va_test_chat_linkify           (const char         *text);
GtkWidget *va_chat_message_row_new        (VaChatSender        sender,
                                           const char         *sender_name,
                                           const char         *text);
GtkLabel  *va_chat_message_row_get_label  (GtkWidget          *row);
void       va_chat_message_row_set_node   (GtkWidget          *row,
                                           const char         *topic_id,
                                           const char         *node_id);
GtkWidget *va_chat_message_row_add_choices (GtkWidget         *row,
                                           const char * const *choices);
GtkWidget *va_chat_notice_row_new         (VaChatNotice        kind,
                                           const char         *text,
                                           const char         *detail);
GtkWidget *va_chat_row_add_button         (GtkWidget          *row,
                                           const char         *label,
                                           const char         *action_name,
                                           GVariant           *target);
GtkWidget *va_chat_handoff_row_new        (const char         *link,
                                           gboolean            placeholder);
GtkWidget *va_chat_rank_row_new           (const char         *topic_name,
                                           double              score,
                                           const char         *phrase,
                                           double              threshold,
                                           gboolean            picked);
GtkWidget *va_chat_variable_row_new       (const char         *name,
                                           const char         *value);
void       va_chat_list_clear             (GtkListBox         *list);
guint      va_chat_fill_variables         (GtkListBox         *list,
                                           JsonNode           *variables);
guint      va_chat_fill_ranks             (GtkListBox         *list,
                                           VaEvent            *event,
                                           VaRecognizer       *recognizer,
                                           const char         *text,
                                           double              threshold);

/* For tests. */
GtkListBox *va_test_chat_get_message_list     (VaTestChat *self);
GtkListBox *va_test_chat_get_recognition_list (VaTestChat *self);
GtkLabel   *va_test_chat_get_recognition_decision (VaTestChat *self);
GtkListBox *va_test_chat_get_variables_list   (VaTestChat *self);
GtkEntry   *va_test_chat_get_entry            (VaTestChat *self);
GtkToggleButton *va_test_chat_get_details_button (VaTestChat *self);
void        va_test_chat_save_transcript_to   (VaTestChat *self,
                                               GFile      *file);

G_END_DECLS
