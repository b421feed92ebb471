/* va-uri-opener.h — opens links that come from a bot file, after the author saw where they go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     va_uri_opener_open         (GtkWindow           *parent,
                                     const char          *uri,
                                     const char          *bot_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean va_uri_opener_open_finish  (GAsyncResult        *result,
                                     GError             **error);

void     va_uri_opener_confirm      (const char          *bot_id,
                                     const char          *uri);
gboolean va_uri_opener_is_confirmed (const char          *bot_id,
                                     const char          *uri);
void     va_uri_opener_forget_all   (void);

G_END_DECLS
