package org.imigateway.cooperation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import javax.xml.datatype.XMLGregorianCalendar;

import org.imigateway.directory.Authority;
import org.imigateway.directory.Directory;

import org.imigateway.procedure.Procedures;
/** What the hub's handlers share: procedures, directory, the hub's tables, where made documents go, today. */
record HubContext(Procedures procedures, Directory directory, CooperationStore store, Path documents, Clock clock) {

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The access point that serves an authority, when the authority is in the directory. */
    Optional<String> accessPointOf(String authority) {
        return directory.find(authority).map(Authority::accessPoint);
    }

    /** Writes a document the hub makes (a result, a refusal) to a file of its own, synced: it must outlive a crash. */
    Path write(Object document, String name) throws IOException {
        Path file = documents.resolve(name + ".xml");
        try {
            Marshaller marshaller = context(document.getClass()).createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            try (OutputStream out = Files.newOutputStream(file)) {
                marshaller.marshal(document, out);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return file;
        } catch (JAXBException e) {
            throw new IOException("document " + name + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static final java.util.Map<Class<?>, JAXBContext> CONTEXTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A JAXB context is costly to make and safe to share: one per document class. */
    private static JAXBContext context(Class<?> type) throws JAXBException {
        JAXBContext context = CONTEXTS.get(type);
        if (context == null) {
            context = JAXBContext.newInstance(type.getPackageName(), type.getClassLoader());
            CONTEXTS.put(type, context);
        }
        return context;
    }

    static LocalDate date(XMLGregorianCalendar value) {
        return LocalDate.of(value.getYear(), value.getMonth(), value.getDay());
    }
}
