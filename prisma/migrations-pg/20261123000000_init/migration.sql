-- CreateTable
CREATE TABLE "Library" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "defaultLanguage" TEXT NOT NULL,

    CONSTRAINT "Library_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Branch" (
    "id" TEXT NOT NULL,
    "libraryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Branch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Patron" (
    "id" SERIAL NOT NULL,
    "libraryId" TEXT NOT NULL,
    "cardNumber" TEXT NOT NULL,
    "pinHash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "preferredLanguage" TEXT NOT NULL,
    "homeBranchId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "category" TEXT,
    "cardExpiresAt" TIMESTAMP(3) NOT NULL,
    "loansCount" INTEGER NOT NULL DEFAULT 0,
    "failedPinCount" INTEGER NOT NULL DEFAULT 0,
    "pinLockedUntil" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Patron_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Record" (
    "id" SERIAL NOT NULL,
    "libraryId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "isbn" TEXT,
    "issn" TEXT,
    "contributors" TEXT,
    "year" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL,
    "sourceId" TEXT,
    "searchText" TEXT NOT NULL,

    CONSTRAINT "Record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Copy" (
    "id" SERIAL NOT NULL,
    "recordId" INTEGER NOT NULL,
    "branchId" TEXT NOT NULL,
    "shelfMark" TEXT NOT NULL,
    "barcode" TEXT,
    "status" TEXT NOT NULL,

    CONSTRAINT "Copy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "libraryId" TEXT NOT NULL,
    "patronId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "conversationRef" TEXT,
    "requestKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "pickupDeadline" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hold" (
    "id" SERIAL NOT NULL,
    "orderId" INTEGER NOT NULL,
    "copyId" INTEGER NOT NULL,
    "recordId" INTEGER NOT NULL,
    "branchId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ilsHoldId" TEXT,
    "ilsReleasedAt" TIMESTAMP(3),

    CONSTRAINT "Hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" SERIAL NOT NULL,
    "orderId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "OrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotState" (
    "id" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DemandSearch" (
    "id" SERIAL NOT NULL,
    "libraryId" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DemandSearch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CopyAlert" (
    "id" SERIAL NOT NULL,
    "libraryId" TEXT NOT NULL,
    "recordId" INTEGER NOT NULL,
    "patronId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversationRef" TEXT,
    "status" TEXT NOT NULL,
    "openKey" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "CopyAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CopyQuarantine" (
    "copyId" INTEGER NOT NULL,
    "returnedAt" TIMESTAMP(3) NOT NULL,
    "availableFrom" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CopyQuarantine_pkey" PRIMARY KEY ("copyId")
);

-- CreateTable
CREATE TABLE "IllRequest" (
    "id" SERIAL NOT NULL,
    "ref" TEXT NOT NULL,
    "libraryId" TEXT NOT NULL,
    "patronId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT,
    "year" INTEGER,
    "isbn" TEXT,
    "journal" TEXT,
    "volumeIssue" TEXT,
    "pages" TEXT,
    "notNeededAfter" TIMESTAMP(3),
    "currency" TEXT NOT NULL,
    "maxCost" INTEGER NOT NULL,
    "lender" TEXT,
    "lenderCost" INTEGER,
    "costAcceptancePending" BOOLEAN NOT NULL DEFAULT false,
    "weightGrams" INTEGER,
    "amountDue" INTEGER,
    "arrivedAt" TIMESTAMP(3),
    "collectBy" TEXT,
    "use" TEXT,
    "dueDate" TEXT,
    "liabilitySignedAt" TIMESTAMP(3),
    "returnedAt" TIMESTAMP(3),
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "conversationRef" TEXT,
    "requestKey" TEXT,
    "ilsRequestId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IllRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IllTermsAcceptance" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "textSha256" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "amount" INTEGER,
    "acceptedAt" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,

    CONSTRAINT "IllTermsAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IllCharge" (
    "id" SERIAL NOT NULL,
    "libraryId" TEXT NOT NULL,
    "patronId" INTEGER NOT NULL,
    "requestId" INTEGER,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" TIMESTAMP(3),
    "paidRecordedBy" TEXT,

    CONSTRAINT "IllCharge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IllEvent" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "IllEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogueHarvest" (
    "libraryId" TEXT NOT NULL,
    "lastResponseDate" TEXT,
    "lastSucceededAt" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "lastOutcome" TEXT,

    CONSTRAINT "CatalogueHarvest_pkey" PRIMARY KEY ("libraryId")
);

-- CreateTable
CREATE TABLE "JobSchedule" (
    "name" TEXT NOT NULL,
    "lastStartedAt" TIMESTAMP(3) NOT NULL,
    "lastFinishedAt" TIMESTAMP(3),
    "lastOutcome" TEXT,
    "lastInstance" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "JobSchedule_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "libraryId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "pending" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServerSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServerSecret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" SERIAL NOT NULL,
    "libraryId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" SERIAL NOT NULL,
    "orderId" INTEGER NOT NULL,
    "libraryId" TEXT NOT NULL,
    "branchId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "seat" INTEGER,
    "status" TEXT NOT NULL,
    "icsToken" TEXT NOT NULL,
    "bookedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Appointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "orderId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT,
    "onceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebChatOutbox" (
    "id" SERIAL NOT NULL,
    "conversationId" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebChatOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoiceTurn" (
    "callSid" TEXT NOT NULL,
    "turn" INTEGER NOT NULL,
    "twiml" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VoiceTurn_pkey" PRIMARY KEY ("callSid","turn")
);

-- CreateTable
CREATE TABLE "CallbackRequest" (
    "id" SERIAL NOT NULL,
    "libraryId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "callSid" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),

    CONSTRAINT "CallbackRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Branch_libraryId_idx" ON "Branch"("libraryId");

-- CreateIndex
CREATE UNIQUE INDEX "Patron_libraryId_cardNumber_key" ON "Patron"("libraryId", "cardNumber");

-- CreateIndex
CREATE INDEX "Record_libraryId_acquiredAt_idx" ON "Record"("libraryId", "acquiredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Record_libraryId_sourceId_key" ON "Record"("libraryId", "sourceId");

-- CreateIndex
CREATE INDEX "Copy_recordId_status_idx" ON "Copy"("recordId", "status");

-- CreateIndex
CREATE INDEX "Copy_branchId_status_idx" ON "Copy"("branchId", "status");

-- CreateIndex
CREATE INDEX "Copy_barcode_idx" ON "Copy"("barcode");

-- CreateIndex
CREATE UNIQUE INDEX "Order_ref_key" ON "Order"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Order_requestKey_key" ON "Order"("requestKey");

-- CreateIndex
CREATE INDEX "Order_libraryId_status_createdAt_idx" ON "Order"("libraryId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Order_patronId_status_idx" ON "Order"("patronId", "status");

-- CreateIndex
CREATE INDEX "Hold_orderId_idx" ON "Hold"("orderId");

-- CreateIndex
CREATE INDEX "Hold_copyId_status_idx" ON "Hold"("copyId", "status");

-- CreateIndex
CREATE INDEX "OrderEvent_orderId_at_idx" ON "OrderEvent"("orderId", "at");

-- CreateIndex
CREATE INDEX "DemandSearch_libraryId_at_idx" ON "DemandSearch"("libraryId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "CopyAlert_openKey_key" ON "CopyAlert"("openKey");

-- CreateIndex
CREATE INDEX "CopyAlert_recordId_status_idx" ON "CopyAlert"("recordId", "status");

-- CreateIndex
CREATE INDEX "CopyAlert_libraryId_status_createdAt_idx" ON "CopyAlert"("libraryId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "CopyQuarantine_availableFrom_idx" ON "CopyQuarantine"("availableFrom");

-- CreateIndex
CREATE UNIQUE INDEX "IllRequest_ref_key" ON "IllRequest"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "IllRequest_requestKey_key" ON "IllRequest"("requestKey");

-- CreateIndex
CREATE INDEX "IllRequest_libraryId_status_createdAt_idx" ON "IllRequest"("libraryId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "IllRequest_patronId_status_idx" ON "IllRequest"("patronId", "status");

-- CreateIndex
CREATE INDEX "IllTermsAcceptance_requestId_idx" ON "IllTermsAcceptance"("requestId");

-- CreateIndex
CREATE INDEX "IllCharge_patronId_paidAt_idx" ON "IllCharge"("patronId", "paidAt");

-- CreateIndex
CREATE INDEX "IllEvent_requestId_at_idx" ON "IllEvent"("requestId", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_scope_libraryId_source_at_idx" ON "SignInAttempt"("scope", "libraryId", "source", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_at_idx" ON "SignInAttempt"("at");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_username_key" ON "StaffUser"("username");

-- CreateIndex
CREATE INDEX "StaffUser_libraryId_idx" ON "StaffUser"("libraryId");

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "StaffSession_expiresAt_idx" ON "StaffSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_icsToken_key" ON "Appointment"("icsToken");

-- CreateIndex
CREATE INDEX "Appointment_orderId_status_idx" ON "Appointment"("orderId", "status");

-- CreateIndex
CREATE INDEX "Appointment_libraryId_startsAt_idx" ON "Appointment"("libraryId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_branchId_startsAt_seat_key" ON "Appointment"("branchId", "startsAt", "seat");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_onceKey_key" ON "Notification"("onceKey");

-- CreateIndex
CREATE INDEX "Notification_orderId_idx" ON "Notification"("orderId");

-- CreateIndex
CREATE INDEX "WebChatOutbox_conversationId_id_idx" ON "WebChatOutbox"("conversationId", "id");

-- CreateIndex
CREATE INDEX "VoiceTurn_createdAt_idx" ON "VoiceTurn"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallbackRequest_callSid_key" ON "CallbackRequest"("callSid");

-- CreateIndex
CREATE INDEX "CallbackRequest_libraryId_handledAt_idx" ON "CallbackRequest"("libraryId", "handledAt");

-- AddForeignKey
ALTER TABLE "Branch" ADD CONSTRAINT "Branch_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Patron" ADD CONSTRAINT "Patron_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Record" ADD CONSTRAINT "Record_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Copy" ADD CONSTRAINT "Copy_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Copy" ADD CONSTRAINT "Copy_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_copyId_fkey" FOREIGN KEY ("copyId") REFERENCES "Copy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IllRequest" ADD CONSTRAINT "IllRequest_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IllRequest" ADD CONSTRAINT "IllRequest_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IllTermsAcceptance" ADD CONSTRAINT "IllTermsAcceptance_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "IllRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IllCharge" ADD CONSTRAINT "IllCharge_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IllCharge" ADD CONSTRAINT "IllCharge_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "IllRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IllEvent" ADD CONSTRAINT "IllEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "IllRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "Library"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Catalogue search (src/persistence/prisma-catalogue-repository.ts): a trigram index makes
-- `"searchText" LIKE '%word%'` an index lookup instead of a scan of every record.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Record_searchText_trgm_idx" ON "Record" USING GIN ("searchText" gin_trgm_ops);
