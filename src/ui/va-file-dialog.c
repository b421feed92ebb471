/* va-file-dialog.c — open and save dialogs for .vabot files, portal-friendly on every GTK
 *
 * GTK 4.10 has GtkFileDialog; GTK 4.8 (Debian 12) has GtkFileChooserNative, which also goes
 * through the portal inside Flatpak.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-file-dialog.h"

typedef struct
{
  VaFileDialogCallback callback;
  gpointer             user_data;
} Request;

static GtkFileFilter *
bot_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Bots"));
  gtk_file_filter_add_pattern (filter, "*.vabot");
  gtk_file_filter_add_mime_type (filter, "application/x-virtual-agent-bot");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
dialog_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Request *request = data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);

  if (g_object_get_data (source, "saving") != NULL)
    file = gtk_file_dialog_save_finish (dialog, result, &error);
  else
    file = gtk_file_dialog_open_finish (dialog, result, &error);
  request->callback (file, request->user_data);
  g_free (request);
}

static GtkFileDialog *
new_dialog (const char *title)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = bot_filter ();

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_set_modal (dialog, TRUE);
  return dialog;
}

void
va_file_dialog_open (GtkWindow            *parent,
                     VaFileDialogCallback  callback,
                     gpointer              user_data)
{
  g_autoptr(GtkFileDialog) dialog = new_dialog (_("Open a Bot"));
  Request *request = g_new0 (Request, 1);

  request->callback = callback;
  request->user_data = user_data;
  gtk_file_dialog_open (dialog, parent, NULL, dialog_done, request);
}

void
va_file_dialog_save (GtkWindow            *parent,
                     const char           *suggested_name,
                     GFile                *current,
                     VaFileDialogCallback  callback,
                     gpointer              user_data)
{
  g_autoptr(GtkFileDialog) dialog = new_dialog (_("Save the Bot"));
  Request *request = g_new0 (Request, 1);

  request->callback = callback;
  request->user_data = user_data;
  g_object_set_data (G_OBJECT (dialog), "saving", GINT_TO_POINTER (1));
  if (current != NULL)
    gtk_file_dialog_set_initial_file (dialog, current);
  else
    gtk_file_dialog_set_initial_name (dialog, suggested_name);
  gtk_file_dialog_save (dialog, parent, NULL, dialog_done, request);
}

#else

static void
chooser_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         data)
{
  Request *request = data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  request->callback (file, request->user_data);
  g_free (request);
  g_object_unref (native);
}

static void
run_chooser (GtkWindow            *parent,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             const char           *suggested_name,
             GFile                *current,
             VaFileDialogCallback  callback,
             gpointer              user_data)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, action, accept, NULL);
  Request *request = g_new0 (Request, 1);
  g_autoptr(GtkFileFilter) filter = bot_filter ();

  request->callback = callback;
  request->user_data = user_data;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (current != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), current, NULL);
  else if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
va_file_dialog_open (GtkWindow            *parent,
                     VaFileDialogCallback  callback,
                     gpointer              user_data)
{
  run_chooser (parent, GTK_FILE_CHOOSER_ACTION_OPEN, _("Open a Bot"), _("_Open"), NULL, NULL,
               callback, user_data);
}

void
va_file_dialog_save (GtkWindow            *parent,
                     const char           *suggested_name,
                     GFile                *current,
                     VaFileDialogCallback  callback,
                     gpointer              user_data)
{
  run_chooser (parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("Save the Bot"), _("_Save"),
               suggested_name, current, callback, user_data);
}

#endif
