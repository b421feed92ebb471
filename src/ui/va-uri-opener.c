/* va-uri-opener.c — opens links that come from a bot file, after the author saw where they go
 *
 * A bot file is untrusted: its engagement hub link, or any address in a message, may point
 * anywhere. Only http and https addresses with a real host are opened (va_http_check_url()), and
 * the first time a bot sends the author to a host, a dialog shows the whole address and asks. The
 * answer is remembered for the rest of the process, per bot and host, so a tester who hands off
 * twenty times is asked once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "va-http.h"
#include "va-uri-opener.h"

/* "bot_id\nhost" of the hosts the author agreed to open, for the life of the process */
static GHashTable *confirmed_hosts;

typedef struct
{
  GtkWindow *parent;
  char      *uri;
  char      *key;
  GtkWidget *dialog;
  gulong     cancelled_id;
  gboolean   answered;
} Open;

static void
open_free (Open *open)
{
  g_clear_object (&open->parent);
  g_free (open->uri);
  g_free (open->key);
  g_free (open);
}

static char *
confirm_key (const char *bot_id,
             const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *host = NULL;

  if (uri == NULL)
    return NULL;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || g_uri_get_host (parsed)[0] == '\0')
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (parsed), -1);
  return g_strdup_printf ("%s\n%s", bot_id != NULL ? bot_id : "", host);
}

static void
remember (const char *key)
{
  if (key == NULL)
    return;
  if (confirmed_hosts == NULL)
    confirmed_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (confirmed_hosts, g_strdup (key));
}

/**
 * va_uri_opener_confirm:
 * @bot_id: (nullable): the bot the link comes from
 * @uri: an address on the host to trust
 *
 * Opens links of @bot_id to the host of @uri without asking from now on, as if the author had
 * said "Open" once. Tests use it to skip the dialog.
 */
void
va_uri_opener_confirm (const char *bot_id,
                       const char *uri)
{
  g_autofree char *key = NULL;

  g_return_if_fail (uri != NULL);

  key = confirm_key (bot_id, uri);
  remember (key);
}

/**
 * va_uri_opener_is_confirmed:
 * @bot_id: (nullable): the bot the link comes from
 * @uri: an address
 *
 * Returns: whether links of @bot_id to the host of @uri open without asking
 */
gboolean
va_uri_opener_is_confirmed (const char *bot_id,
                            const char *uri)
{
  g_autofree char *key = confirm_key (bot_id, uri);

  return key != NULL && confirmed_hosts != NULL && g_hash_table_contains (confirmed_hosts, key);
}

/**
 * va_uri_opener_forget_all:
 *
 * Asks again before opening any host.
 */
void
va_uri_opener_forget_all (void)
{
  g_clear_pointer (&confirmed_hosts, g_hash_table_unref);
}

/* {{{ Launching */

#if GTK_CHECK_VERSION (4, 10, 0)

static void
launched (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
launch (GTask *task)
{
  Open *open = g_task_get_task_data (task);
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (open->uri);

  gtk_uri_launcher_launch (launcher, open->parent, g_task_get_cancellable (task), launched, task);
}

#else

static void
launched (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
launch (GTask *task)
{
  Open *open = g_task_get_task_data (task);

  gtk_show_uri_full (open->parent, open->uri, GDK_CURRENT_TIME, g_task_get_cancellable (task),
                     launched, task);
}

#endif

/* }}} */
/* {{{ Asking */

static void
dialog_answered (Open  *open,
                 GTask *task,
                 gboolean yes)
{
  if (open->answered)
    return;
  open->answered = TRUE;
  g_cancellable_disconnect (g_task_get_cancellable (task), open->cancelled_id);
  open->cancelled_id = 0;
  /* The dialog goes on living a little after its answer; it must not call back. */
  g_signal_handlers_disconnect_by_data (open->dialog, task);
  open->dialog = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (!yes)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The link was not opened."));
      g_object_unref (task);
      return;
    }
  remember (open->key);
  launch (task); /* takes the reference */
}

static void
dialog_response (AdwMessageDialog *dialog,
                 const char       *response,
                 GTask            *task)
{
  dialog_answered (g_task_get_task_data (task), task, g_strcmp0 (response, "open") == 0);
}

/* Closed some other way, for example with its parent window. */
static void
dialog_destroyed (GtkWidget *dialog,
                  GTask     *task)
{
  dialog_answered (g_task_get_task_data (task), task, FALSE);
}

static void
close_dialog (gpointer data)
{
  g_autoptr(GTask) task = data;
  Open *open = g_task_get_task_data (task);

  if (open->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (open->dialog));
}

static void
cancelled (GCancellable *cancellable,
           GTask        *task)
{
  /* Destroying the dialog here would disconnect this handler from inside itself: later. */
  g_idle_add_once (close_dialog, g_object_ref (task));
}

static void
ask (GTask *task)
{
  Open *open = g_task_get_task_data (task);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a whole web address, shown so the author sees where it goes. */
  body = g_strdup_printf (_("Open %s?\n\nThe address comes from the bot. Links of this bot to the "
                            "same site will open without asking again."), open->uri);
  dialog = adw_message_dialog_new (open->parent, _("Open Link?"), NULL);
  /* Plain text: the address is never read as markup. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  open->dialog = dialog;
  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response), task);
  g_signal_connect (dialog, "destroy", G_CALLBACK (dialog_destroyed), task);
  if (g_task_get_cancellable (task) != NULL)
    open->cancelled_id = g_cancellable_connect (g_task_get_cancellable (task),
                                                G_CALLBACK (cancelled), task, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */

/**
 * va_uri_opener_open:
 * @parent: (nullable): the window the link is opened from
 * @uri: the address, from a bot file or the engagement hub's answer
 * @bot_id: (nullable): the bot it comes from, to remember the author's answer by
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the link was handed to the browser, refused, or not opened
 * @user_data: data for @callback
 *
 * Opens @uri with the desktop's browser. Anything but an http or https address with a host is
 * refused at once, without a dialog, with a #VA_HTTP_ERROR in plain words. The first time per
 * bot and host a dialog shows the whole address; "Cancel" finishes with %G_IO_ERROR_CANCELLED.
 */
void
va_uri_opener_open (GtkWindow           *parent,
                    const char          *uri,
                    const char          *bot_id,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Open *open;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, va_uri_opener_open);
  if (!va_http_check_url (uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  open = g_new0 (Open, 1);
  open->parent = parent != NULL ? g_object_ref (parent) : NULL;
  open->uri = g_strdup (uri);
  open->key = confirm_key (bot_id, uri);
  g_task_set_task_data (task, open, (GDestroyNotify) open_free);

  if (va_uri_opener_is_confirmed (bot_id, uri))
    launch (g_steal_pointer (&task));
  else
    ask (g_steal_pointer (&task));
}

/**
 * va_uri_opener_open_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the link was handed to the browser
 */
gboolean
va_uri_opener_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
