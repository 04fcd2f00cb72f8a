package dev.distillery.models;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ImportedModelRepository extends JpaRepository<ImportedModel, UUID> {

    List<ImportedModel> findAllByOrderByCreatedAtDesc();
}
