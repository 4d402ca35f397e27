package org.bzpeer.kit.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.UndecodableEventException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeType;

/**
 * Converts between BZPEER events and the bytes on their topics (Avro single-object encoding, via {@link EventCodec}),
 * for bindings whose content type is {@link #CONTENT_TYPE}. Bytes no kept schema can read raise a
 * {@link MessageConversionException}, which the binder does not retry and routes to the dead-letter topic.
 */
public class EventMessageConverter extends AbstractMessageConverter {

    /** The content type every BZPEER binding declares. */
    public static final MimeType CONTENT_TYPE = MimeType.valueOf("application/vnd.bzpeer.event+avro");

    public EventMessageConverter() {
        super(CONTENT_TYPE);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return SpecificRecord.class.isAssignableFrom(type);
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        if (!(message.getPayload() instanceof byte[] bytes)) {
            return null;
        }
        try {
            return EventCodec.instance().decode(bytes, targetClass.asSubclass(SpecificRecord.class));
        } catch (UndecodableEventException e) {
            throw new MessageConversionException(message, "Undecodable event: " + e.getMessage(), e);
        }
    }

    @Override
    protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
        return EventCodec.instance().encode((SpecificRecord) payload);
    }
}
