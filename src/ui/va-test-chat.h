/* va-test-chat.h — the test chat panel: talk to the bot as it is being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "va-bot.h"
#include "va-conversation.h"

G_BEGIN_DECLS

#define VA_TYPE_TEST_CHAT (va_test_chat_get_type ())

G_DECLARE_FINAL_TYPE (VaTestChat, va_test_chat, VA, TEST_CHAT, GtkWidget)

GtkWidget      *va_test_chat_new              (VaBot      *bot);
VaBot          *va_test_chat_get_bot          (VaTestChat *self);
void            va_test_chat_set_bot          (VaTestChat *self,
                                               VaBot      *bot);
VaConversation *va_test_chat_get_conversation (VaTestChat *self);
void            va_test_chat_restart          (VaTestChat *self);
void            va_test_chat_send             (VaTestChat *self,
                                               const char *text);
gboolean        va_test_chat_get_track        (VaTestChat *self);
void            va_test_chat_set_track        (VaTestChat *self,
                                               gboolean    track);
char           *va_test_chat_get_transcript   (VaTestChat *self);

G_END_DECLS
