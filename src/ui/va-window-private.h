/* va-window-private.h — the window's parts, shared by its files and by the UI tests
 *
 * va-window.c holds the window and its actions, va-window-files.c opening, saving and the
 * close prompt, va-window-topics.c the topics sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-problems-panel.h"
#include "va-recovery.h"
#include "va-test-chat.h"
#include "va-topic-editor.h"
#include "va-window.h"

G_BEGIN_DECLS

struct _VaWindow
{
  AdwApplicationWindow parent_instance;

  VaBot              *bot;
  VaHistory          *history;
  GFile              *file;
  gboolean            close_confirmed;
  VaRecovery         *recovery;    /* NULL for a window without the app (tests) */
  gboolean            recovered;   /* restored after a crash and not saved since */

  GtkSingleSelection *custom_selection;
  GtkSingleSelection *system_selection;
  GtkFilter          *custom_filter;
  GtkFilter          *system_filter;
  GHashTable         *badges;      /* GtkLabel of a bound row -> its topic (weak) */
  VaTopicEditor      *topic_editor;
  VaTestChat         *test_chat;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkMenuButton      *menu_button;
  GMenu              *recent_menu;
  GtkToggleButton    *problems_button;
  GtkToggleButton    *chat_button;
  GtkBox             *chat_box;
  GtkSearchEntry     *search_entry;
  GtkListView        *custom_list;
  GtkListView        *system_list;
  GtkStack           *content_stack;
  AdwStatusPage      *topic_page;
  VaProblemsPanel    *problems_panel;
};

/* va-window-files.c */
void     va_window_save             (VaWindow   *self,
                                     gboolean    save_as);
gboolean va_window_confirm_close    (VaWindow   *self);
void     va_window_update_recent    (VaWindow   *self);
void     va_window_add_recent       (GFile      *file);

/* va-window.c */
gboolean    va_window_get_modified     (VaWindow   *self);
void        va_window_set_recovered    (VaWindow   *self);
VaRecovery *va_window_get_recovery     (VaWindow   *self);

/* va-window-topics.c */
void     va_window_setup_topics     (VaWindow   *self);
void     va_window_select_topic     (VaWindow   *self,
                                     VaTopic    *topic);
void     va_window_new_topic        (VaWindow   *self);
void     va_window_duplicate_topic  (VaWindow   *self);
void     va_window_delete_topic     (VaWindow   *self);
void     va_window_update_badges    (VaWindow   *self);

/* For the UI tests. */
GtkListView   *va_window_get_custom_list    (VaWindow *self);
GtkListView   *va_window_get_system_list    (VaWindow *self);
VaTopic       *va_window_get_selected_topic (VaWindow *self);
AdwStatusPage *va_window_get_topic_page     (VaWindow *self);
VaTopicEditor *va_window_get_topic_editor   (VaWindow *self);
VaProblemsPanel *va_window_get_problems_panel (VaWindow *self);
VaTestChat    *va_window_get_test_chat      (VaWindow *self);
void           va_window_set_file           (VaWindow *self,
                                             GFile    *file);

G_END_DECLS
