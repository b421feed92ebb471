/* va-test-chat-private.h — the test chat's parts, shared by its files and by the UI tests
 *
 * va-test-chat.c holds the widget, its conversation and its actions, va-test-chat-events.c turns
 * the conversation's events into rows, va-test-chat-handoff.c shows the handoff and opens links,
 * va-test-chat-details.c fills the details pane, va-test-chat-entry.c sends what is typed and
 * keeps its history, va-test-chat-save.c saves the conversation as a test, and
 * va-test-chat-rows.c and va-test-chat-detail-rows.c make the rows' widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "va-hub.h"
#include "va-script.h"
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

struct _VaTestChat
{
  GtkWidget         parent_instance;

  VaBot            *bot;
  VaConversation   *conversation;
  VaScriptRecorder *recorder;
  GCancellable     *build_cancellable; /* the recognizer's training, per conversation */
  GCancellable     *cancellable;       /* saving and opening links, until dispose */
  gboolean          track;

  GPtrArray        *history;           /* what was sent from the entry, oldest first */
  guint             history_pos;       /* history->len when not walking the history */
  char             *history_draft;     /* the entry's text before walking the history */

  char             *last_user_text;    /* to find the matched trigger phrases */
  VaChatSender      last_sender;       /* to group consecutive messages */
  GtkWidget        *choices;           /* the last question's buttons */
  char             *first_topic_id;    /* names the saved test */
  char             *handoff_link;      /* to open once the webhook has answered */
  VaHub            *hub;               /* the built-in hub, when this conversation uses it */
  gboolean          awaiting_hub;      /* handed off to the built-in hub: open its page */
  gboolean          follow;            /* stay scrolled to the newest message */
  double            last_upper;        /* of the scrolled messages, to tell the user's scrolling */
  double            last_page_size;    /* from a change of size */
  guint             scroll_idle;
  gboolean          refocus;           /* the entry had the focus when it went insensitive */

  /* template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkToggleButton  *details_button;
  GtkSwitch        *track_switch;
  GtkPaned         *paned;
  GtkScrolledWindow *scroller;
  GtkListBox       *messages;
  GtkWidget        *details;
  GtkLabel         *recognition_said;
  GtkLabel         *recognition_decision;
  GtkListBox       *recognition_list;
  GtkLabel         *variables_empty;
  GtkListBox       *variables_list;
  GtkEntry         *entry;
  GtkSpinner       *spinner;
};

/* va-test-chat.c */
void       va_test_chat_update_sensitivity      (VaTestChat *self);
void       va_test_chat_node_reached            (VaTestChat *self,
                                                 const char *topic_id,
                                                 const char *node_id);

/* va-test-chat-events.c */
void       va_test_chat_watch_conversation      (VaTestChat *self);
void       va_test_chat_update_placeholder      (VaTestChat *self);
void       va_test_chat_append_row              (VaTestChat   *self,
                                                 GtkWidget    *row,
                                                 VaChatSender  sender);
void       va_test_chat_add_notice              (VaTestChat   *self,
                                                 VaChatNotice  kind,
                                                 const char   *text,
                                                 const char   *detail);
void       va_test_chat_retire_choices          (VaTestChat *self);
void       va_test_chat_show_error              (VaTestChat *self,
                                                 const char *text);

/* va-test-chat-handoff.c */
void       va_test_chat_show_handoff            (VaTestChat *self,
                                                 VaEvent    *event);
void       va_test_chat_show_handoff_status     (VaTestChat *self,
                                                 VaEvent    *event);
void       va_test_chat_attach_hub              (VaTestChat *self);
void       va_test_chat_open_link               (VaTestChat *self,
                                                 const char *uri);

/* va-test-chat-details.c */
void       va_test_chat_init_details            (VaTestChat *self);
void       va_test_chat_refresh_variables       (VaTestChat *self);
void       va_test_chat_reset_recognition       (VaTestChat *self);
void       va_test_chat_recognition_for_message (VaTestChat *self,
                                                 const char *text);
void       va_test_chat_show_recognition        (VaTestChat *self,
                                                 VaEvent    *event);

/* va-test-chat-entry.c */
void       va_test_chat_init_entry              (VaTestChat *self);

/* va-test-chat-save.c */
void       va_test_chat_choose_transcript_file  (VaTestChat *self);

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

/* va-test-chat-detail-rows.c: the details pane's rows, and emptying any of the lists */
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
