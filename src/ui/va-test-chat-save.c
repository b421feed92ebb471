/* va-test-chat-save.c — "Save as Test": the conversation as a transcript script, in a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-test-chat-private.h"

/**
 * va_test_chat_get_transcript:
 * @self: a test chat
 *
 * Returns: (transfer full) (nullable): the current conversation as a transcript script (with its
 *   seed, clock and web mocks), ready to replay with va_script_run(); %NULL without a bot
 */
char *
va_test_chat_get_transcript (VaTestChat *self)
{
  g_return_val_if_fail (VA_IS_TEST_CHAT (self), NULL);

  if (self->recorder == NULL)
    return NULL;
  return va_script_to_string (va_script_recorder_get (self->recorder));
}

typedef struct
{
  VaTestChat *self;
  GBytes     *contents;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_object (&request->self);
  g_clear_pointer (&request->contents, g_bytes_unref);
  g_free (request);
}

static void
toast (VaTestChat *self,
       const char *text)
{
  AdwToast *message;

  if (self->toast_overlay == NULL)
    return;
  message = adw_toast_new (text);
  adw_toast_set_timeout (message, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, message);
}

static void
transcript_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SaveRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          text = g_strdup_printf (_("Could not save the test: %s"), error->message);
          toast (request->self, text);
        }
    }
  else
    {
      /* Translators: %s is a file name. */
      text = g_strdup_printf (_("Saved the test as “%s”"), name);
      toast (request->self, text);
    }
  save_request_free (request);
}

/**
 * va_test_chat_save_transcript_to:
 * @self: a test chat
 * @file: where to write the transcript script
 *
 * Writes the conversation so far to @file, without blocking, and says in a toast how it went.
 */
void
va_test_chat_save_transcript_to (VaTestChat *self,
                                 GFile      *file)
{
  g_autofree char *text = va_test_chat_get_transcript (self);
  SaveRequest *request;
  gsize length;

  g_return_if_fail (G_IS_FILE (file));

  if (text == NULL)
    return;
  length = strlen (text);
  request = g_new0 (SaveRequest, 1);
  request->self = g_object_ref (self);
  request->contents = g_bytes_new_take (g_steal_pointer (&text), length);
  g_file_replace_contents_bytes_async (file, request->contents, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                       transcript_written, request);
}

static GtkFileFilter *
chat_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Test Conversations"));
  gtk_file_filter_add_pattern (filter, "*.chat");
  return filter;
}

static char *
suggested_name (VaTestChat *self)
{
  return g_strdup_printf ("%s.chat", self->first_topic_id != NULL ? self->first_topic_id
                                                                  : "conversation");
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
save_dialog_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VaTestChat) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    va_test_chat_save_transcript_to (self, file);
}

/* Asks where to save the test, then saves it there. */
void
va_test_chat_choose_transcript_file (VaTestChat *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = chat_filter ();
  g_autofree char *name = suggested_name (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Save as Test"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                        self->cancellable, save_dialog_done, g_object_ref (self));
}

#else

static void
chooser_response (GtkNativeDialog *native,
                  int              response,
                  VaTestChat      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        va_test_chat_save_transcript_to (self, file);
    }
  g_object_unref (native);
  g_object_unref (self);
}

/* Asks where to save the test, then saves it there. */
void
va_test_chat_choose_transcript_file (VaTestChat *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native =
    gtk_file_chooser_native_new (_("Save as Test"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  g_autoptr(GtkFileFilter) filter = chat_filter ();
  g_autofree char *name = suggested_name (self);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif
