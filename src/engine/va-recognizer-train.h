/* va-recognizer-train.h — the recognizer's linear model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the recognizer.
 */
#pragma once

#include <gio/gio.h>

#include "va-recognizer-index.h"

G_BEGIN_DECLS

gboolean           va_recognizer_index_can_train (const VaRecognizerIndex *index);
VaRecognizerModel *va_recognizer_model_train     (const VaRecognizerIndex *index,
                                                  GCancellable            *cancellable);
void               va_recognizer_model_free      (VaRecognizerModel       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaRecognizerModel, va_recognizer_model_free)

G_END_DECLS
