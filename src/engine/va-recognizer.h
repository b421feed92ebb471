/* va-recognizer.h — trigger-phrase recognizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VA_TYPE_RECOGNIZER (va_recognizer_get_type ())

G_DECLARE_FINAL_TYPE (VaRecognizer, va_recognizer, VA, RECOGNIZER, GObject)

typedef enum
{
  VA_RECOGNITION_FALLBACK,
  VA_RECOGNITION_MATCH,
  VA_RECOGNITION_MULTIPLE,
} VaRecognitionKind;

typedef struct
{
  const char *topic_id; /* owned by the recognizer, valid until the next add or build */
  double      score;    /* calibrated confidence in [0,1] */
  const char *phrase;   /* the trigger phrase that matched best, owned by the recognizer */
} VaRecognizerMatch;

VaRecognizer     *va_recognizer_new                (const char               *language);
const char       *va_recognizer_get_language       (VaRecognizer             *self);
gboolean          va_recognizer_get_trained        (VaRecognizer             *self);
void              va_recognizer_set_trained        (VaRecognizer             *self,
                                                    gboolean                  trained);
void              va_recognizer_add_topic          (VaRecognizer             *self,
                                                    const char               *topic_id,
                                                    const char * const       *phrases);
gboolean          va_recognizer_remove_topic       (VaRecognizer             *self,
                                                    const char               *topic_id);
guint             va_recognizer_get_n_topics       (VaRecognizer             *self);
void              va_recognizer_build              (VaRecognizer             *self);
void              va_recognizer_build_async        (VaRecognizer             *self,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gboolean          va_recognizer_build_finish       (VaRecognizer             *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
gboolean          va_recognizer_get_model_ready    (VaRecognizer             *self);
guint             va_recognizer_rank               (VaRecognizer             *self,
                                                    const char               *text,
                                                    VaRecognizerMatch        *out,
                                                    guint                     max_out);
VaRecognitionKind va_recognizer_decide             (VaRecognizer             *self,
                                                    const char               *text,
                                                    double                    threshold,
                                                    double                    margin,
                                                    VaRecognizerMatch        *out,
                                                    guint                     max_out,
                                                    guint                    *n_out);
double            va_recognizer_default_threshold  (void);
double            va_recognizer_default_margin     (void);

G_END_DECLS
