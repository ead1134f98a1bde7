import type { Intent, Lang } from './types';

/**
 * What patrons say, per intent. Words are matched after normalisation (case, accents, final
 * sigma, Greek spelling, Greeklish), "*" marks a stem, and other words may sit between the
 * words of a phrase ("θέλω να ακυρώσω τη χθεσινή κράτηση"). Longer phrases win over shorter
 * ones, which is how "ακύρωση κράτησης" (cancel_order) beats "ακύρωση" (cancel).
 */
export const INTENT_CUES: Record<Lang, Partial<Record<Intent, string[]>>> = {
  el: {
    reserve: ['να κλείσω', 'να κλείσετε', 'κλείσε μου', 'κλείστε μου', 'να κρατήσω', 'να κρατήσετε', 'κράτησε μου',
      'κρατήστε μου', 'κράτηση για', 'κάνω κράτηση', 'κάνω μια κράτηση', 'νέα κράτηση', 'δανειστώ', 'δανεισμό',
      'να δανειστώ', 'θέλω να πάρω', 'να δεσμεύσω', 'δέσμευση', 'θέλω το βιβλίο', 'θέλω να διαβάσω', 'θα ήθελα το βιβλίο',
      'κλείσιμο βιβλίου', 'κράτηση βιβλίου', 'κρατήσω', 'ψάχνω', 'ψάχνω το', 'ψάχνω τον', 'ψάχνω την', 'ψάχνω τη', 'ψάχνω ένα'],
    ill_request: ['διαδανεισμ*', 'διαβιβλιοθηκ*', 'από άλλη βιβλιοθήκη', 'άλλη βιβλιοθήκη', 'να το φέρετε', 'να φέρετε',
      'φέρτε μου', 'να μου φέρετε', 'να το παραγγείλετε', 'να παραγγείλετε', 'δεν το έχετε', 'που δεν έχετε', 'δεν υπάρχει στη βιβλιοθήκη',
      'δεν το βρίσκω', 'δεν βρίσκω', 'δεν υπάρχει στον κατάλογο'],
    my_orders: ['κρατήσεις μου', 'κράτηση μου', 'κράτησή μου', 'παραγγελίες μου', 'παραγγελία μου', 'τι έχω κλείσει',
      'τι έχω κρατήσει', 'βιβλία μου', 'δανεισμούς μου', 'τι έχω δανειστεί', 'κατάσταση κράτησης', 'κατάσταση της κράτησης',
      'είναι έτοιμ*', 'έτοιμη η κράτηση', 'αιτήματά μου', 'αιτήματα μου', 'κρατήσεις έχω', 'έχω κρατήσ*', 'ποιες κρατήσεις',
      'τι κρατήσεις', 'έχω κλείσει', 'διαδανεισμ* μου', 'αίτημα διαδανεισμού μου', 'τι γίνεται με', 'πού βρίσκεται η παραγγελία',
      'πού είναι η παραγγελία', 'κρατήσεις μου'],
    cancel_order: ['ακυρ* κρατησ*', 'ακυρ* κράτησ*', 'ακυρ* παραγγελ*', 'ακυρ* δανεισμ*', 'ακυρ* αιτημ*',
      'δεν θέλω πια το βιβλίο', 'δεν χρειάζομαι πια', 'ακύρωσε την', 'ακυρώστε την', 'να ακυρώσω το', 'ακυρώσω τη'],
    opening_hours: ['ωράριο', 'ωράρια', 'ώρες λειτουργίας', 'τι ώρα ανοίγ*', 'τι ώρα κλείν*', 'πότε ανοίγ*', 'πότε κλείν*',
      'ανοιχτά', 'ανοικτά', 'ανοιχτή', 'ανοιχτό', 'ανοίγετε', 'κλείνετε', 'μέχρι τι ώρα', 'τι ώρες', 'τι ώρες είστε ανοιχτά',
      'ώρες τηλεφώνου', 'τι ώρες απαντάτε'],
    basket: ['καλάθι μου', 'το καλάθι', 'τι έχω στο καλάθι', 'καλάθι'],
    address: ['διεύθυνση', 'διεύθυνσή σας', 'πού βρίσκεστε', 'πού βρίσκεται η βιβλιοθήκη', 'πού είστε', 'πού είναι η βιβλιοθήκη',
      'πώς θα σας βρω', 'πώς έρχομαι', 'σε ποιο δρόμο'],
    returns_info: ['επιστροφ*', 'να επιστρέψω', 'επιστρέψω', 'επιστρέφω', 'να το φέρω πίσω', 'φέρω πίσω', 'πού αφήνω',
      'παράταση', 'ανανέωση', 'ανανεώσω', 'να ανανεώσω', 'προθεσμία'],
    membership: ['εγγραφή', 'εγγραφώ', 'να γραφτώ', 'γραφτώ', 'κάρτα μέλους', 'κάρτα βιβλιοθήκης', 'νέα κάρτα', '~μέλος',
      '~μέλη', 'συνδρομή', 'συνδρομητ*', '~κάρτα', '~λογαριασμό', '~λογαριασμός'],
    fees: ['πόσο κοστίζει', 'πόσο κάνει', 'κοστίζει', 'κόστος', 'χρέωση', 'χρεώσεις', 'χρεώνετε', 'πρόστιμο', 'πρόστιμα',
      'πληρωμή', 'να πληρώσω', 'πληρώσω', 'πληρώνω', 'τέλη', '~τιμή', '~τιμές', '~δωρεάν', '~ευρώ', 'οφειλ*'],
    new_acquisitions: ['νέες αφίξεις', 'νέα βιβλία', 'καινούρια βιβλία', 'καινούργια βιβλία', 'νέες κυκλοφορίες',
      'νέα αποκτήματα', 'τι νέο', 'τι καινούριο', 'τι καινούργιο', '~καινούρια', '~καινούργια', 'νέες προσθήκες',
      'πρόσφατες αγορές', 'νέα απόκτηση', 'νεες αφιξεις', 'νέους τίτλους'],
    human: ['υπάλληλο', 'υπάλληλος', 'υπαλλήλους', 'με άνθρωπο', 'έναν άνθρωπο', 'με κάποιον', 'βιβλιοθηκάρι*', 'να μιλήσω με κάποιον',
      'μιλήσω σε κάποιον', 'εκπρόσωπο', 'πραγματικό άτομο', '~ζωντανό', 'τηλεφωνήτρια', '~προσωπικό', 'κάποιον από εσάς', 'μιλήσω υπάλληλο',
      'μιλήσω άνθρωπο', 'μιλήσω βιβλιοθηκάρι*'],
    help: ['βοήθεια', 'βοήθησέ με', 'βοηθήστε με', 'βοηθήστε', 'βοηθάς', 'τι μπορείς να κάνεις', 'τι μπορείτε να κάνετε',
      'τι κάνεις', 'δεν καταλαβαίνω', 'πώς λειτουργεί', 'help', 'μενού', 'επιλογές', 'οδηγίες',
      // Said at the card and PIN prompts: how to find or recover them.
      'πού θα τον βρω', 'πού θα το βρω', 'πού θα βρω', 'πού τον βρίσκω', 'πού το βρίσκω', 'δεν θυμάμαι', 'δεν το θυμάμαι',
      'δεν τον θυμάμαι', 'ξέχασα', 'δεν τον ξέρω', 'δεν το ξέρω'],
    cancel: ['άκυρο', 'ακύρωση', 'ακύρωσε', 'ακυρώστε', 'άσ\' το', 'άσε το', 'άστο', '~άσε', 'σταμάτα', 'σταματήστε', 'έξοδος',
      'ξέχνα το', 'ξεχάστε το', 'stop', 'cancel', '~τίποτα', 'δεν θέλω τίποτα', '~τέλος', "ασ'το", 'δεν πειράζει',
      "ασ'το δεν πειράζει", "άσ' το δεν πειράζει", 'άστο δεν πειράζει', 'άσε το δεν πειράζει'],
    start_over: ['από την αρχή', 'απ\' την αρχή', 'απο την αρχη', 'ξανά από την αρχή', 'επανεκκίνηση', 'ξεκίνα από την αρχή',
      'ξεκινάμε πάλι', 'ξεκινάμε ξανά', 'πάμε πάλι', 'restart', 'να ξεκινήσουμε', 'ξεκίνα πάλι', 'ξεκινήστε πάλι'],
    switch_language: ['~μίλα', 'μιλήστε', 'μιλάτε', 'μιλάς', 'αλλαγή γλώσσας', 'άλλη γλώσσα', '~γλώσσα'],
    arrived: ['είμαι στην είσοδο', 'στην είσοδο', 'είμαι έξω', 'είμαι απέξω', 'έφτασα', 'έχω φτάσει', '~είμαι εδώ',
      '~ήρθα', 'βρίσκομαι στη βιβλιοθήκη', 'είμαι στη βιβλιοθήκη', 'είμαι μπροστά', 'είμαι στην πόρτα', 'ήρθα να παραλάβω',
      'να παραλάβω', 'είμαι απ έξω', "απ' έξω", 'περιμένω έξω', 'περιμένω απ έξω', 'έξω από την', 'έξω από τη βιβλιοθήκη', 'είμαι κάτω'],
  },
  hu: {
    reserve: ['kikölcsönöz*', 'kölcsönöz*', 'foglal*', 'lefoglal*', 'előjegyez*', 'előjegyz*', 'szeretném kivenni',
      'kivenni', 'kivinni', 'elvinni', 'szeretném elkérni', 'félretenni', 'félretennék', 'tegyék félre', 'tegye félre',
      'kérném a könyvet', 'kölcsönzés'],
    ill_request: ['könyvtárközi', 'másik könyvtár*', 'más könyvtár*', 'egy másik könyvtárból', 'hozassa*', 'hozzák el',
      'hozassák', 'megrendel*', 'rendeljék meg', 'rendelje meg', 'nincs meg a könyvtárban', 'nincs meg önöknél'],
    my_orders: ['foglalásaim', 'foglalásom', 'foglalásaimat', 'rendeléseim', 'rendelésem', 'kölcsönzéseim',
      'előjegyzéseim', 'előjegyzésem', 'kéréseim', 'kérésem', 'mit foglaltam', 'mit rendeltem', 'könyveim',
      // Inflected possessives ("a foglalásommal", "a rendelésemről"). Never a bare "kérésem*": folded it is
      // "keresem", "I am looking for".
      'foglalásom*', 'rendelésem*', 'előjegyzésem*', 'kérésemmel', 'kérésemről', 'kérésemet', 'kérésem állapota', 'mi a helyzet',
      'hol tart*', 'mi van a', 'mi lett a',
      'megvan már', '~kész van', '~mi a helyzet', '~állapot*', 'milyen foglalás*', 'van foglalás*', 'van előjegyzés*'],
    cancel_order: ['foglalás* lemond*', 'lemond* foglalás*', 'foglalás* töröl*', 'töröl* foglalás*', 'foglalás* visszavon*',
      'rendelés* lemond*', 'lemond* rendelés*', 'rendelés* töröl*', 'töröl* rendelés*', 'előjegyzés* töröl*',
      'előjegyzés* lemond*', 'lemond* előjegyzés*', 'visszamond*', 'lemondani a', 'lemondom a', 'töröljék a', 'törölje a', 'le szeretném mondani', 'le akarom mondani',
      'mondja le', 'mondjuk le', 'mondani a foglalás*', 'mondani a rendelés*', 'mondani az előjegyzés*'],
    opening_hours: ['nyitvatartás*', '~nyitva', 'mikor nyit*', 'mikor zár*', 'nyitás', 'zárás', 'hánykor nyit*',
      'hánykor zár*', 'hány órá* nyit*', 'meddig vannak', 'nyitvatartási', 'mikor vannak nyitva', 'mikor lehet telefonál*',
      'telefonos ügyfélszolgálat*'],
    basket: ['kosaram', 'kosár*', 'mi van a kosaramban'],
    address: ['címük', 'címe', 'címetek', 'hol van a könyvtár*', 'hol találom a könyvtár*', 'hol található', 'hol vannak',
      'merre van*', 'hogyan jutok', 'milyen utcá*'],
    returns_info: ['visszahoz*', 'visszaad*', 'hoz* vissza', 'ad* vissza', 'vi* vissza', 'küld* vissza', 'visszavi*', 'visszaküld*', 'hosszabbít*', 'meghosszabbít*', 'lejár*',
      'könyvledob*', 'határidő*', 'visszavételi'],
    membership: ['beiratkoz*', 'olvasójegy*', 'tagság*', 'tagsági', 'regisztrál*', 'könyvtári kártya', '~kártyá*', '~kártya',
      'tag lenni', 'taggá', 'beiratkozás'],
    fees: ['díj*', 'mennyibe kerül', 'mennyibe*', 'mennyit kell fizetni', 'költség*', 'késedelmi', 'büntetés*', 'fizet*', '~ára', '~árak', 'forint*',
      '~ingyenes', 'tartozás*'],
    new_acquisitions: ['új könyvek', 'új könyv*', 'újdonság*', 'új szerzemény*', 'új beszerzés*', 'legújabb*',
      '~friss könyv*', 'mi új', 'újonnan', 'új érkez*'],
    human: ['ügyintéző*', 'emberrel', 'élő ember*', 'igazi ember*', 'könyvtáros*', 'munkatárs*', 'élő személy*', 'kolléga*', 'operátor*',
      'beszélni valakivel', 'valakivel beszélni', '~személyesen', 'könyvtáros* beszél*', 'beszél* könyvtáros*', 'ügyintéző* beszél*',
      'beszél* ügyintéző*', 'emberrel beszél*', 'beszél* emberrel',
      // "beszélhetnék valakivel?", typed without accents "beszelhetnek valakivel": not a language switch.
      'beszél* valakivel', 'valakivel beszél*'],
    help: ['segítség', 'segíts*', 'súgó', 'mit tudsz', 'mit tud', 'mit lehet', 'nem értem', 'hogyan működik', 'help',
      'menü', 'lehetőségek', 'hol találom', 'hol van ez', 'nem emlékszem', 'elfelejtettem', 'nem tudom a', 'honnan tudom'],
    cancel: ['mégse', 'mégsem', 'megszakít*', 'állj', 'stop', 'kilépés', 'kilép*', 'hagyjuk', 'felejtsd el',
      'felejtse el', 'cancel', '~elég', '~vége', '~semmi', '~lemondom'],
    start_over: ['újrakezdés', 'újrakezd*', 'kezdjük újra', 'kezdjük elölről', 'kezdjük előről', 'elölről', 'előről',
      'az elejéről', 'restart', 'újra az elejétől', 'előlről'],
    switch_language: ['~beszél*', '~nyelv*', 'válts*', 'váltás', 'switch'],
    arrived: ['megérkeztem', 'itt vagyok', 'bejárat*', '~ideértem', 'odaértem', 'megjöttem', 'itt állok', 'kint vagyok',
      'az ajtó előtt', 'itt vagyok a könyvtárnál', 'átvenni jöttem', 'megjöttünk', 'itt vagyunk',
      'kint állok', 'odakint vagyok', 'itt várok', 'kint várok', 'megérkeztünk', 'a bejárat előtt'],
  },
};

/**
 * Whole utterances that are commands: they win with high confidence wherever the dialog is,
 * so a patron can always get out ("άκυρο", "mégse") or start again.
 */
export const COMMANDS: Record<Lang, Partial<Record<Intent, string[]>>> = {
  el: {
    help: ['βοήθεια', 'help', 'βοήθεια παρακαλώ', 'βοήθησέ με', 'βοηθήστε με', 'μενού', 'boithia', 'voitheia'],
    cancel: ['άκυρο', 'ακύρωση', 'άκυρο παρακαλώ', 'ακύρωσε', 'ακύρωσέ το', 'cancel', 'stop', 'σταμάτα', 'έξοδος', 'άσ\' το',
      'άστο', 'akyro', "ασ'το", 'δεν πειράζει', 'ασ το'],
    start_over: ['από την αρχή', 'απ\' την αρχή', 'πάμε από την αρχή', 'ξανά από την αρχή', 'επανεκκίνηση', 'restart',
      'αρχή', 'ξεκίνα από την αρχή', 'apo tin arxi'],
  },
  hu: {
    help: ['segítség', 'help', 'súgó', 'segítség kérek', 'segíts', 'segítsen', 'menü'],
    cancel: ['mégse', 'mégsem', 'cancel', 'stop', 'állj', 'kilépés', 'hagyjuk', 'megszakítás'],
    start_over: ['újrakezdés', 'újrakezdem', 'kezdjük újra', 'elölről', 'előről', 'kezdjük elölről', 'restart', 'újra'],
  },
};
